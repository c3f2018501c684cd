import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { isTidemarkError, op } from '@tidemark/core';
import { openTempDb, SKIP, step, type TempDb } from './__fixtures__/live-db.js';

const table = (name: string) => op.createTable({ name, columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] });
const names = async (db: TempDb): Promise<string[]> => (await db.conn.introspect()).tables.map((t) => t.name);

describe('transactions roll DDL back', { skip: Boolean(SKIP) }, () => {
  let db: TempDb;
  beforeEach(async () => { db = await openTempDb(); });
  afterEach(async () => db.cleanup());

  it('a failing transaction leaves no trace of the tables, columns and rows it made', async () => {
    await step(db, table('kept'));
    await assert.rejects(db.conn.withLock(() => db.conn.transaction(async () => {
      await db.conn.applier.apply(table('gone'));
      await db.conn.applier.apply(op.addColumn('kept', { name: 'extra', type: 'text', nullable: true }));
      await db.conn.applier.execute('INSERT INTO kept (id) VALUES (1)');
      throw new Error('boom');
    })), /boom/);
    assert.deepEqual(await names(db), ['kept']);
    assert.deepEqual((await db.conn.introspect()).tables[0]!.columns.map((c) => c.name), ['id']);
    assert.deepEqual(await db.sql('SELECT count(*)::int AS n FROM kept'), [{ n: 0 }]);
    // the cached schema was forgotten with the rollback: the same steps apply again
    await step(db, table('gone'), op.addColumn('kept', { name: 'extra', type: 'text', nullable: true }));
    assert.deepEqual(await names(db), ['gone', 'kept']);
  });

  it('nested transactions are savepoints: an inner failure undoes only the inner work', async () => {
    await db.conn.transaction(async () => {
      await db.conn.applier.apply(table('outer'));
      await assert.rejects(db.conn.transaction(async () => {
        await db.conn.applier.apply(table('inner'));
        throw new Error('inner');
      }), /inner/);
      await db.conn.applier.apply(table('after'));
    });
    assert.deepEqual(await names(db), ['after', 'outer']);
  });

  it('an operation that fails part-way is undone whole, and the migration can go on', async () => {
    await step(db, table('t'));
    await db.conn.applier.execute('INSERT INTO t (id) VALUES (1)');
    await db.conn.transaction(async () => {
      // ADD COLUMN works, then its CHECK refuses the back-fill: the column must not stay
      await assert.rejects(
        db.conn.applier.apply(op.addColumn('t', { name: 'kind', type: 'enum', values: ['a'] }, { backfill: 'zzz' })),
        (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.sqlState === '23514');
      await db.conn.applier.apply(op.addColumn('t', { name: 'ok', type: 'i32', nullable: true }));
    });
    assert.deepEqual((await db.conn.introspect()).tables[0]!.columns.map((c) => c.name), ['id', 'ok']);
  });

  it('an operation failing right after another (its SAVEPOINT sent with the RELEASE before it) undoes only itself', async () => {
    await step(db, table('t'));
    await db.conn.applier.execute('INSERT INTO t (id) VALUES (1)');
    await db.conn.transaction(async () => {
      await db.conn.applier.apply(op.addColumn('t', { name: 'ok', type: 'i32', nullable: true }));
      await assert.rejects(
        db.conn.applier.apply(op.addColumn('t', { name: 'kind', type: 'enum', values: ['a'] }, { backfill: 'zzz' })),
        (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.sqlState === '23514');
      await db.conn.applier.apply(op.addColumn('t', { name: 'also', type: 'i32', nullable: true }));
    });
    assert.deepEqual((await db.conn.introspect()).tables[0]!.columns.map((c) => c.name), ['id', 'ok', 'also']);
  });

  it('a nested transaction that swallowed a failure fails at its own end', async () => {
    await assert.rejects(db.conn.transaction(async () => {
      await db.conn.applier.apply(table('a'));
      await assert.rejects(db.conn.transaction(async () => {
        await db.conn.applier.apply(table('b'));
        await db.conn.applier.execute('SELECT 1/0').catch(() => undefined);
      }), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && err.details.sqlState === '25P02');
      throw new Error('gave up');
    }), /gave up/);
    assert.deepEqual(await names(db), []);
  });

  it('a COMMIT that PostgreSQL turns into ROLLBACK is an error, not a silent loss', async () => {
    await assert.rejects(db.conn.transaction(async () => {
      await db.conn.applier.apply(table('lost'));
      await db.conn.applier.execute('SELECT 1/0').catch(() => undefined); // swallowed: the transaction is now aborted
    }), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && /rolled back at COMMIT/.test(err.message));
    assert.deepEqual(await names(db), []);
  });

  it('outside a transaction each operation is still atomic on its own', async () => {
    await step(db, table('t'));
    await db.conn.applier.execute('INSERT INTO t (id) VALUES (1)');
    await assert.rejects(db.conn.applier.apply(op.addColumn('t', { name: 'kind', type: 'enum', values: ['a'] }, { backfill: 'zzz' })));
    assert.deepEqual((await db.conn.introspect()).tables[0]!.columns.map((c) => c.name), ['id']);
  });
});
