import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { op, type SchemaOperation } from '@tidemark/core';
import { openLiveDb, skipReason, step, type LiveDb } from '../__fixtures__/live.js';

const skip = await skipReason();
let db: LiveDb;

const table = op.createTable({
  name: 'items', primaryKey: ['id'],
  columns: [
    { name: 'id', type: 'i32', autoIncrement: true },
    { name: 'name', type: 'string', length: 50, nullable: true },
    { name: 'code', type: 'text', nullable: true },
    { name: 'big', type: 'i64', nullable: true },
    { name: 'ratio', type: 'f64', nullable: true },
    { name: 'price', type: 'decimal', precision: 10, scale: 2, nullable: true },
    { name: 'kind', type: 'enum', values: ['a', 'b', 'c'], nullable: true },
    { name: 'flag', type: 'boolean', nullable: true },
  ],
});

const rows = () => db.sql('SELECT * FROM items ORDER BY id');

/** Expects `operation` to fail its precheck with `count` rows and `samples` samples, changing nothing. */
async function expectPrecheck(operation: SchemaOperation, check: string, count: number, samples = Math.min(count, 5)): Promise<void> {
  const schema = await db.conn.introspect();
  const before = await rows();
  await assert.rejects(db.conn.withLock(() => db.conn.transaction(() => db.conn.applier.apply(operation))),
    (err: { code: string; message: string; details: { check: string; count: number; samples: unknown[] } }) => {
      assert.equal(err.code, 'TM_PRECHECK_FAILED', err.message);
      assert.equal(err.details.check, check);
      assert.equal(err.details.count, count);
      assert.equal(err.details.samples.length, samples);
      return true;
    });
  assert.deepEqual(await db.conn.introspect(), schema, 'the schema is unchanged');
  assert.deepEqual(await rows(), before, 'the rows are unchanged');
}

describe('MySQL prechecks fail with a count and samples, and change nothing', { skip: Boolean(skip) }, () => {
  beforeEach(async () => {
    db = await openLiveDb();
    await step(db, table);
    await db.conn.applier.execute(`INSERT INTO items (name, code, big, ratio, price, kind, flag) VALUES
      ('short', '12', 5, 1.0, 10.5, 'a', 1),
      (NULL, 'abc', 3000000000, 2.5, 123456.78, 'b', 0),
      ('a much longer name', ' 7 ', -3000000000, 3.0, 1.25, 'c', NULL),
      ('dup', '1e3', NULL, NULL, NULL, NULL, NULL),
      ('dup', '4.5', 1, NULL, 99999999.99, 'a', 1),
      (NULL, NULL, 2, NULL, NULL, 'c', NULL),
      (NULL, 'x', 3, NULL, NULL, NULL, NULL),
      (NULL, 'y', 4, NULL, NULL, NULL, NULL),
      (NULL, 'z', 5, NULL, NULL, NULL, NULL)`);
  });
  afterEach(async () => db.cleanup());

  // NOT NULL, unique, foreign key, string length, integer range, decimal scale, text → integer and
  // enum values are tested once for every backend in test/conformance/prechecks.test.ts

  it('NULLs before NOT NULL (at most 5 samples), and a NOT NULL column without default or back-fill', async () => {
    await expectPrecheck(op.alterColumn('items', 'name', { type: 'string', length: 50 }), 'not null', 5);
    await expectPrecheck(op.addColumn('items', { name: 'required', type: 'i32' }), 'not null', 9);
  });

  it('duplicates before a new primary key, and values that a conversion makes repeat', async () => {
    await step(db, op.alterColumn('items', 'id', { type: 'i32' }));
    await step(db, op.addColumn('items', { name: 'grp', type: 'i32' }, { backfill: 1 }));
    await expectPrecheck(op.alterPrimaryKey('items', ['grp']), 'primary key', 9, 1);
    await step(db, op.createIndex('items', { name: 'idx_items_code', columns: ['code'] }));
    await db.conn.applier.execute("UPDATE items SET code = CONCAT('v', id) WHERE code IN ('x', 'y', 'z', 'abc')");
    await step(db, op.alterColumn('items', 'name', { type: 'string', length: 50, nullable: true }));
    await db.conn.applier.execute("UPDATE items SET name = CASE id WHEN 1 THEN 'yes' WHEN 2 THEN 'TRUE' ELSE NULL END");
    await step(db, op.createIndex('items', { name: 'idx_items_name', columns: ['name'], unique: true }));
    await expectPrecheck(op.alterColumn('items', 'name', { type: 'boolean', nullable: true }), 'unique idx_items_name', 2, 1);
  });

  it('a shorter string length, counted in characters of the text the value becomes', async () => {
    await expectPrecheck(op.alterColumn('items', 'flag', { type: 'string', length: 4, nullable: true }), 'string length', 1);
  });

  it('text that is not one of the enum values', async () => {
    await expectPrecheck(op.alterColumn('items', 'name', { type: 'enum', values: ['short', 'dup'], nullable: true }), 'enum values', 1);
  });

  it('text that is not a number; to an integer, only whole numbers written as such', async () => {
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'f64', nullable: true }), 'numeric text', 4);
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'i64', nullable: true }), 'numeric text', 4);
    const failures = await db.conn.applier.precheck(op.alterColumn('items', 'code', { type: 'i64', nullable: true }));
    assert.deepEqual(failures.map((f) => [f.details.check, f.details.count]), [['numeric text', 4], ['number text', 3]]);
  });

  it('fractions to integers', async () => {
    await expectPrecheck(op.alterColumn('items', 'ratio', { type: 'i64', nullable: true }), 'integer range', 1);
  });

  it('decimal precision', async () => {
    await expectPrecheck(op.alterColumn('items', 'price', { type: 'decimal', precision: 6, scale: 2, nullable: true }), 'decimal precision', 2);
  });

  it('booleans, uuids, dates and json that the text does not spell', async () => {
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'boolean', nullable: true }), 'boolean values', 8);
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'uuid', nullable: true }), 'uuid values', 8);
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'date', nullable: true }), 'date values', 8);
    await expectPrecheck(op.alterColumn('items', 'big', { type: 'timestamp', nullable: true }), 'timestamp values', 8);
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'json', nullable: true }), 'json values', 4);
  });

  it('passes when the data fits, and the change converts the values as SQLite does', async () => {
    await db.conn.applier.execute("DELETE FROM items WHERE code NOT IN ('12', ' 7 ', '1e3', '4.5') OR code IS NULL");
    await step(db, op.alterColumn('items', 'code', { type: 'f64', nullable: true }));
    assert.deepEqual((await rows()).map((r) => r.code), [12, 7, 1000, 4.5]);
    await db.conn.applier.execute('UPDATE items SET big = 0 WHERE abs(big) > 2147483647');
    await step(db, op.alterColumn('items', 'big', { type: 'i32', nullable: true }));
    await step(db, op.alterColumn('items', 'kind', { type: 'enum', values: ['a', 'c'], nullable: true }));
    await step(db, op.alterColumn('items', 'flag', { type: 'text', nullable: true }));
    assert.deepEqual((await rows()).map((r) => r.flag), ['true', null, null, 'true']);
    await db.conn.applier.execute("UPDATE items SET flag = CASE id WHEN 1 THEN 'Yes' WHEN 3 THEN 'f' ELSE flag END");
    await step(db, op.alterColumn('items', 'flag', { type: 'boolean', nullable: true }));
    assert.deepEqual((await rows()).map((r) => r.flag), [1, 0, null, 1]);
    await step(db, op.alterColumn('items', 'ratio', { type: 'boolean', nullable: true }));
    assert.deepEqual((await rows()).map((r) => r.ratio), [1, 1, null, null]);
  });
});
