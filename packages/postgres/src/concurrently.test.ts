import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { isTidemarkError, op } from '@tidemark/core';
import { openTempDb, SKIP, step, type TempDb } from './__fixtures__/live-db.js';

const concurrently = (unique = false) => op.createIndex('items', { name: 'idx_items_name', columns: ['name'], unique }, { concurrently: true });

describe('CREATE INDEX CONCURRENTLY', { skip: Boolean(SKIP) }, () => {
  let db: TempDb;
  beforeEach(async () => {
    db = await openTempDb();
    await step(db, op.createTable({ name: 'items', columns: [{ name: 'id', type: 'i32' }, { name: 'name', type: 'text' }], primaryKey: ['id'] }));
    await db.conn.applier.execute("INSERT INTO items VALUES (1, 'a'), (2, 'b')");
  });
  afterEach(async () => db.cleanup());

  it('builds the index outside a transaction (a migration with transaction: false)', async () => {
    await db.conn.withLock(() => db.conn.applier.apply(concurrently(true)));
    const [items] = (await db.conn.introspect()).tables;
    assert.deepEqual(items!.indexes, [{ name: 'idx_items_name', columns: ['name'], unique: true }]);
    assert.deepEqual(await db.sql("SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_items_name'::regclass"), [{ indisvalid: true }]);
  });

  it('is refused inside a transaction, saying to set transaction: false, and changes nothing', async () => {
    await assert.rejects(db.conn.withLock(() => db.conn.transaction(() => db.conn.applier.apply(concurrently()))), (err) => {
      assert.ok(isTidemarkError(err, 'TM_UNSUPPORTED_OPERATION'));
      assert.match(err.hint, /transaction: false/);
      return true;
    });
    assert.deepEqual((await db.conn.introspect()).tables[0]!.indexes, []);
  });

  it('checks for duplicates first, and leaves no index behind when they are there', async () => {
    await db.conn.applier.execute("UPDATE items SET name = 'a'");
    await assert.rejects(db.conn.applier.apply(concurrently(true)), (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2);
    assert.deepEqual(await db.sql("SELECT count(*)::int AS n FROM pg_class WHERE relname = 'idx_items_name'"), [{ n: 0 }]);
  });
});
