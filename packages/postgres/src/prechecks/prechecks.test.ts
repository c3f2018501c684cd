import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { op, type SchemaOperation } from '@tidemark/core';
import { openTempDb, SKIP, step, type TempDb } from '../__fixtures__/live-db.js';

let db: TempDb;

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
    { name: 'raw', type: 'bytes', nullable: true },
    { name: 'doc', type: 'json', nullable: true },
  ],
});

const rows = async () => db.sql('SELECT *, raw::text AS raw, doc::text AS doc FROM items ORDER BY id');

/** Expects `operation` to fail its precheck with `count` rows and `samples` samples, changing nothing. */
async function expectPrecheck(operation: SchemaOperation, check: string, count: number, samples = Math.min(count, 5)): Promise<unknown[]> {
  const schema = await db.conn.introspect();
  const before = await rows();
  let shown: unknown[] = [];
  await assert.rejects(db.conn.withLock(() => db.conn.transaction(() => db.conn.applier.apply(operation))),
    (err: { code: string; message: string; details: { check: string; count: number; samples: unknown[] } }) => {
      assert.equal(err.code, 'TM_PRECHECK_FAILED', err.message);
      assert.equal(err.details.check, check);
      assert.equal(err.details.count, count);
      assert.equal(err.details.samples.length, samples);
      shown = err.details.samples;
      return true;
    });
  assert.deepEqual(await db.conn.introspect(), schema, 'the schema is unchanged');
  assert.deepEqual(await rows(), before, 'the rows are unchanged');
  return shown;
}

describe('PostgreSQL prechecks fail with a count and samples, and change nothing', { skip: Boolean(SKIP) }, () => {
  beforeEach(async () => {
    db = await openTempDb();
    await step(db, table);
    await db.conn.applier.execute(`INSERT INTO items (name, code, big, ratio, price, kind, raw, doc) VALUES
      ('short', '12', 5, 1.0, 10.5, 'a', 'ab', '{"a":1}'),
      (NULL, 'abc', 3000000000, 2.5, 123456.78, 'b', '\\xff', '5'),
      ('a much longer name', ' 7 ', -3000000000, 3.0, 1.25, 'c', NULL, '"2024-01-05"'),
      ('dup', '1e3', NULL, NULL, NULL, NULL, NULL, NULL),
      ('dup', '4.5', 1, NULL, 99999999.99, 'a', NULL, NULL),
      (NULL, NULL, 2, NULL, NULL, 'c', NULL, NULL),
      (NULL, 'x', 3, 'NaN', NULL, NULL, NULL, NULL),
      (NULL, 'y', 4, NULL, NULL, NULL, NULL, NULL),
      (NULL, 'z', 5, NULL, NULL, NULL, NULL, NULL)`);
  });
  afterEach(async () => db.cleanup());

  // NOT NULL, unique, foreign key, string length, integer range, decimal scale, text → integer and
  // enum values are tested once for every backend in test/conformance/prechecks.test.ts

  it('NULLs before NOT NULL: at most 5 samples in key order; a NOT NULL column without default or back-fill', async () => {
    const samples = await expectPrecheck(op.alterColumn('items', 'name', { type: 'string', length: 50 }), 'not null', 5);
    assert.deepEqual(samples, [2, 6, 7, 8, 9].map((id) => ({ id, name: null })));
    await expectPrecheck(op.addColumn('items', { name: 'must', type: 'i32' }), 'not null', 9);
  });

  it('duplicates before a new primary key; NULLs before a key', async () => {
    await step(db, op.alterColumn('items', 'id', { type: 'i32' }));
    await expectPrecheck(op.alterPrimaryKey('items', ['name']), 'not null', 5);
    await db.conn.applier.execute("UPDATE items SET name = 'n' || id WHERE name IS NULL");
    await expectPrecheck(op.alterPrimaryKey('items', ['name']), 'primary key', 2, 1);
    await step(db, op.createIndex('items', { name: 'idx_items_code', columns: ['code'], unique: true }));
  });

  it('a shorter string length, counted on the values as text', async () => {
    await expectPrecheck(op.alterColumn('items', 'big', { type: 'string', length: 2, nullable: true }), 'string length', 2);
  });

  it('text that is not one of the enum values', async () => {
    await expectPrecheck(op.alterColumn('items', 'name', { type: 'enum', values: ['short', 'dup'], nullable: true }), 'enum values', 1);
  });

  it('text that is not a number, and bytes that are not UTF-8', async () => {
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'f64', nullable: true }), 'numeric text', 4);
    await expectPrecheck(op.alterColumn('items', 'doc', { type: 'i32', nullable: true }), 'numeric text', 2);
    const samples = await expectPrecheck(op.alterColumn('items', 'raw', { type: 'text', nullable: true }), 'utf8 text', 1);
    assert.deepEqual(samples, [{ id: 2, raw: '\\xff' }]);
  });

  it('fractions and NaN to integers', async () => {
    await expectPrecheck(op.alterColumn('items', 'ratio', { type: 'i64', nullable: true }), 'integer range', 2);
    await expectPrecheck(op.alterColumn('items', 'price', { type: 'i32', nullable: true }), 'integer range', 4);
  });

  it('decimal precision, after rounding to the new scale', async () => {
    await expectPrecheck(op.alterColumn('items', 'price', { type: 'decimal', precision: 6, scale: 2, nullable: true }), 'decimal precision', 2);
    await expectPrecheck(op.alterColumn('items', 'ratio', { type: 'decimal', precision: 3, scale: 0, nullable: true }), 'decimal precision', 1);
  });

  it('values that are no boolean, uuid, date, timestamp or JSON', async () => {
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'boolean', nullable: true }), 'boolean values', 8);
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'uuid', nullable: true }), 'uuid values', 8);
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'date', nullable: true }), 'date values', 8);
    await expectPrecheck(op.alterColumn('items', 'name', { type: 'timestamp', nullable: true }), 'timestamp values', 4);
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'json', nullable: true }), 'json values', 4);
  });

  it('decimals of a unique index that would round together are refused as rounding, before any duplicate', async () => {
    await step(db, op.createIndex('items', { name: 'idx_items_price', columns: ['price'], unique: true }));
    await step(db, op.alterColumn('items', 'price', { type: 'decimal', precision: 12, scale: 3, nullable: true }));
    await db.conn.applier.execute('UPDATE items SET price = 1.004 WHERE id = 1; UPDATE items SET price = 1.001 WHERE id = 3; UPDATE items SET price = NULL WHERE price > 1000');
    await expectPrecheck(op.alterColumn('items', 'price', { type: 'decimal', precision: 12, scale: 2, nullable: true }), 'decimal scale', 2);
    // precheck reports it alone: the duplicate check compares converted values, so it waits for passing values
    const failures = await db.conn.applier.precheck(op.alterColumn('items', 'price', { type: 'decimal', precision: 12, scale: 2, nullable: true }));
    assert.deepEqual(failures.map((f) => [f.details.check, f.details.count]), [['decimal scale', 2]]);
  });

  it('passes when the data fits, and the change is applied with the values converted', async () => {
    await db.conn.applier.execute("DELETE FROM items WHERE code NOT IN ('12', ' 7 ', '1e3', '4.5') OR code IS NULL");
    await step(db, op.alterColumn('items', 'code', { type: 'f64', nullable: true }));
    assert.deepEqual((await db.sql('SELECT code FROM items ORDER BY id')).map((r) => r.code), [12, 7, 1000, 4.5]);
    await db.conn.applier.execute('UPDATE items SET big = 0 WHERE abs(big) > 2147483647');
    await step(db, op.alterColumn('items', 'big', { type: 'i32', nullable: true }));
    await step(db, op.alterColumn('items', 'kind', { type: 'enum', values: ['a', 'c'], nullable: true }));
    await step(db, op.alterColumn('items', 'raw', { type: 'text', nullable: true }), op.alterColumn('items', 'doc', { type: 'text', nullable: true }));
    assert.deepEqual(await db.sql('SELECT raw, doc FROM items ORDER BY id'), [
      { raw: 'ab', doc: '{"a": 1}' }, { raw: null, doc: '2024-01-05' }, { raw: null, doc: null }, { raw: null, doc: null },
    ]);
  });
});
