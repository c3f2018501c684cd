import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { op, type SchemaOperation } from '@tidemark/core';
import { openTempDb, query, step, type TempDb } from '../__fixtures__/harness.js';

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
  ],
});

/** Expects `operation` to fail its precheck with `count` rows and `samples` samples, changing nothing. */
async function expectPrecheck(operation: SchemaOperation, check: string, count: number, samples = Math.min(count, 5)): Promise<void> {
  const schema = await db.conn.introspect();
  const rows = await query(db, 'SELECT * FROM items ORDER BY id');
  await assert.rejects(db.conn.withLock(() => db.conn.transaction(() => db.conn.applier.apply(operation))),
    (err: { code: string; details: { check: string; count: number; samples: unknown[] } }) => {
      assert.equal(err.code, 'TM_PRECHECK_FAILED');
      assert.equal(err.details.check, check);
      assert.equal(err.details.count, count);
      assert.equal(err.details.samples.length, samples);
      return true;
    });
  assert.deepEqual(await db.conn.introspect(), schema, 'the schema is unchanged');
  assert.deepEqual(await query(db, 'SELECT * FROM items ORDER BY id'), rows, 'the rows are unchanged');
}

describe('SQLite prechecks fail with a count and samples, and change nothing', () => {
  beforeEach(async () => {
    db = await openTempDb();
    await step(db, table);
    await db.conn.applier.execute(`INSERT INTO items (name, code, big, ratio, price, kind) VALUES
      ('short', '12', 5, 1.0, 10.5, 'a'),
      (NULL, 'abc', 3000000000, 2.5, 123456.78, 'b'),
      ('a much longer name', ' 7 ', -3000000000, 3.0, 1.25, 'c'),
      ('dup', '1e3', NULL, NULL, NULL, NULL),
      ('dup', '4.5', 1, NULL, 99999999.99, 'a'),
      (NULL, NULL, 2, NULL, NULL, 'c'),
      (NULL, 'x', 3, NULL, NULL, NULL),
      (NULL, 'y', 4, NULL, NULL, NULL),
      (NULL, 'z', 5, NULL, NULL, NULL)`);
  });
  afterEach(async () => db.cleanup());

  // NOT NULL, unique, foreign key, string length, integer range, decimal scale, text → integer and
  // enum values are tested once for every backend in test/conformance/prechecks.test.ts

  it('NULLs before NOT NULL: at most 5 samples', async () => {
    await expectPrecheck(op.alterColumn('items', 'name', { type: 'string', length: 50 }), 'not null', 5);
  });

  it('duplicates before a new primary key; NULLs before a key (as on every SQL backend)', async () => {
    await step(db, op.alterColumn('items', 'id', { type: 'i32' }));
    await expectPrecheck(op.alterPrimaryKey('items', ['name']), 'not null', 5);
    await db.conn.applier.execute("UPDATE items SET name = 'n' || id WHERE name IS NULL");
    await expectPrecheck(op.alterPrimaryKey('items', ['name']), 'primary key', 2, 1);
    await step(db, op.createIndex('items', { name: 'idx_items_code', columns: ['code'], unique: true }));
  });

  it('text that is not one of the enum values', async () => {
    await expectPrecheck(op.alterColumn('items', 'name', { type: 'enum', values: ['short', 'dup'], nullable: true }), 'enum values', 1);
  });

  it('text that is not a number', async () => {
    await expectPrecheck(op.alterColumn('items', 'code', { type: 'f64', nullable: true }), 'numeric text', 4);
  });

  it('fractions to integers', async () => {
    await expectPrecheck(op.alterColumn('items', 'ratio', { type: 'i64', nullable: true }), 'integer range', 1);
  });

  it('decimal precision', async () => {
    await expectPrecheck(op.alterColumn('items', 'price', { type: 'decimal', precision: 6, scale: 2, nullable: true }), 'decimal precision', 2);
  });

  it('passes when the data fits, and the change is applied', async () => {
    await db.conn.applier.execute("DELETE FROM items WHERE code NOT IN ('12', ' 7 ', '1e3', '4.5') OR code IS NULL");
    await step(db, op.alterColumn('items', 'code', { type: 'f64', nullable: true }));
    assert.deepEqual((await query(db, 'SELECT code FROM items ORDER BY id')).map((r) => r.code), [12, 7, 1000, 4.5]);
    await db.conn.applier.execute('UPDATE items SET big = 0 WHERE abs(big) > 2147483647');
    await step(db, op.alterColumn('items', 'big', { type: 'i32', nullable: true }));
    await step(db, op.alterColumn('items', 'kind', { type: 'enum', values: ['a', 'c'], nullable: true }));
  });
});
