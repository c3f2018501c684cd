import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { op } from '@tidemark/core';
import { foreignKeysOn, openTempDb, query, step, type TempDb } from './__fixtures__/harness.js';

let db: TempDb;

const parents = op.createTable({
  name: 'parents', primaryKey: ['id'],
  columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'name', type: 'string', length: 20 }],
});
const children = op.createTable({
  name: 'children', primaryKey: ['id'],
  columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'parent_id', type: 'i32' }, { name: 'label', type: 'text', nullable: true }],
  foreignKeys: [{ name: 'fk_children_parent_id', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'], onDelete: 'cascade' }],
});
const others = op.createTable({ name: 'others', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'parent_id', type: 'i32', nullable: true }] });

const count = async (table: string): Promise<number> => Number((await query(db, `SELECT COUNT(*) AS n FROM "${table}"`))[0]!.n);

describe('the cascade trap: rebuilding a parent table keeps the child rows', () => {
  beforeEach(async () => {
    db = await openTempDb();
    for (const o of [parents, children, others]) await step(db, o);
    await db.conn.applier.execute("INSERT INTO parents (name) VALUES ('p1'), ('p2')");
    await db.conn.applier.execute('INSERT INTO children (parent_id, label) VALUES (1, NULL), (1, NULL), (2, NULL)');
    await db.conn.applier.execute('INSERT INTO others (parent_id) VALUES (1), (2)');
  });
  afterEach(async () => db.cleanup());

  it('foreign keys are enforced on an ordinary connection (the cascade is real)', async () => {
    assert.equal(await foreignKeysOn(db), true);
    await db.conn.applier.execute('DELETE FROM parents WHERE id = 2');
    assert.equal(await count('children'), 2);
  });

  it('the trap is real: the same rebuild statements inside a transaction with foreign keys ON delete the children', async () => {
    const statements = db.conn.applier.render(op.alterColumn('parents', 'name', { type: 'text' }), db.expected);
    await db.conn.applier.execute('BEGIN');
    try {
      for (const s of statements) await db.conn.applier.execute(s);
      assert.equal(await count('children'), 0);
    } finally {
      await db.conn.applier.execute('ROLLBACK');
    }
    assert.equal(await count('children'), 3);
  });

  it('alterColumn on the parent, through withLock + transaction', async () => {
    await step(db, op.alterColumn('parents', 'name', { type: 'text' }));
    assert.equal(await count('children'), 3);
    assert.equal(await foreignKeysOn(db), true);
    // and the child's foreign key still points at the rebuilt parent
    await db.conn.applier.execute('DELETE FROM parents WHERE id = 2');
    assert.equal(await count('children'), 2);
  });

  it('addForeignKey and dropForeignKey on another table, and a parent key change', async () => {
    await step(db, op.addForeignKey('others', { name: 'fk_others_parent_id', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'], onDelete: 'cascade' }));
    await step(db, op.dropForeignKey('others', 'fk_others_parent_id'));
    await step(db, op.addColumn('parents', { name: 'rank', type: 'i32' }, { backfill: 0 }));
    await step(db, op.dropForeignKey('children', 'fk_children_parent_id'));
    await step(db, op.addForeignKey('children', { name: 'fk_children_parent_id', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'], onDelete: 'cascade' }));
    assert.equal(await count('children'), 3);
    assert.equal(await count('others'), 2);
    assert.equal(await foreignKeysOn(db), true);
  });

  it('several rebuilds in one migration, as the migrator runs them', async () => {
    await db.conn.withLock(() => db.conn.transaction(async () => {
      await db.conn.applier.apply(op.alterColumn('parents', 'name', { type: 'string', length: 50 }));
      await db.conn.applier.apply(op.alterColumn('children', 'label', { type: 'string', length: 10, nullable: true }));
      await db.conn.applier.apply(op.addColumn('parents', { name: 'at', type: 'timestamp', default: { fn: 'now' } }));
    }));
    assert.equal(await count('children'), 3);
    assert.equal(await foreignKeysOn(db), true);
  });

  it('a migration whose hand-written SQL leaves a foreign key violation fails, names table and rowid, and rolls back', async () => {
    // foreign keys are off while migrations run (the rebuild needs it), so the check before commit is what catches this
    const addFk = op.addForeignKey('others', { name: 'fk_others_parent_id', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'] });
    await db.conn.withLock(() => db.conn.transaction(() => db.conn.applier.apply(addFk)));
    const before = await db.conn.introspect();
    await assert.rejects(
      db.conn.withLock(() => db.conn.transaction(async () => {
        await db.conn.applier.apply(op.alterColumn('parents', 'name', { type: 'text' }));
        await db.conn.applier.execute('INSERT INTO others (parent_id) VALUES (99)');
      })),
      (err: { code: string; details: Record<string, unknown>; message: string }) => {
        assert.equal(err.code, 'TM_BACKEND_ERROR');
        assert.equal(err.details.table, 'others');
        assert.equal(err.details.rowid, 3);
        assert.match(err.message, /others rowid 3/);
        return true;
      },
    );
    assert.deepEqual(await db.conn.introspect(), before);
    assert.equal(await count('others'), 2);
    assert.equal(await foreignKeysOn(db), true);
  });

  it('a failing migration inside withLock rolls back its own steps and keeps what came after', async () => {
    await db.conn.withLock(async () => {
      await db.conn.history.ensure();
      await assert.rejects(db.conn.transaction(async () => {
        await db.conn.applier.apply(op.alterColumn('parents', 'name', { type: 'text' }));
        await db.conn.applier.execute('SELECT no_such_function()');
      }), { code: 'TM_BACKEND_ERROR' });
      await db.conn.history.save({ id: 'm1', checksum: 'x', appliedAt: '2025-01-01T00:00:00.000Z', executionMs: 1, appliedBy: 't', outcome: 'failed', stepsApplied: 0, error: 'boom' });
    });
    assert.equal((await db.conn.introspect()).tables.find((t) => t.name === 'parents')!.columns[1]!.type, 'string');
    assert.equal((await db.conn.history.list())[0]!.outcome, 'failed');
    assert.equal(await count('children'), 3);
    assert.equal(await foreignKeysOn(db), true);
  });

  it('inside a migration ON DELETE actions do not fire: a hand-written delete of parents fails the foreign key check and rolls back', async () => {
    // Foreign keys are off for the whole locked run (that is what makes rebuilds safe), so a data
    // step relying on a cascade is caught by PRAGMA foreign_key_check instead of cascading.
    await assert.rejects(db.conn.withLock(() => db.conn.transaction(() => db.conn.applier.execute('DELETE FROM parents WHERE id = 2'))),
      { code: 'TM_BACKEND_ERROR' });
    assert.equal(await count('parents'), 2);
    assert.equal(await count('children'), 3);
  });

  it('refuses a rebuild inside a transaction that still enforces foreign keys', async () => {
    await db.conn.applier.execute('BEGIN');
    try {
      await assert.rejects(db.conn.applier.apply(op.alterColumn('parents', 'name', { type: 'text' })), { code: 'TM_BACKEND_ERROR' });
    } finally {
      await db.conn.applier.execute('ROLLBACK');
    }
    assert.equal(await count('children'), 3);
  });
});
