// Data prechecks, once for every backend: the same rows and the same migration get the same
// verdict. `precheck` reports every failing check (name, count, samples) and changes nothing;
// `apply` refuses with TM_PRECHECK_FAILED (the first failing check) and leaves the table as it
// was. The narrowing rule (core's exact-conversion.ts) is part of it: a value that a conversion
// would change — rounded to a smaller scale, '007' read as 7 — is refused like any other.
import assert from 'node:assert/strict';
import {
  comparableSnapshot, isTidemarkError, op, type ColumnSpec, type SchemaOperation, type TidemarkError,
} from '@tidemark/core';
import type { Row } from '../backends/index.js';
import { conformanceSuite, type CaseContext } from './conformance.js';

/** One failure as a case expects it: the check, how many rows, and the samples (in key order, at most five). */
interface Expected {
  readonly check: string;
  readonly count: number;
  readonly samples: readonly Row[];
}

/**
 * A sample as the case compares it: only the fields the case names (DynamoDB adds why a value
 * fails), a number read as a number (PostgreSQL and MySQL return decimals as text), a missing
 * value as null.
 */
function comparable(sample: Record<string, unknown>, like: Row): Row {
  return Object.fromEntries(Object.keys(like).map((k) => {
    const v = sample[k] ?? null;
    return [k, typeof like[k] === 'number' && v !== null ? Number(v) : v as Row[string]];
  }));
}

/** Samples in key order (DynamoDB scans in hash order), each made comparable with its expected twin. */
function samplesOf(failure: TidemarkError, expected: Expected): Row[] {
  const samples = (failure.details.samples as Record<string, unknown>[]).map((s) => comparable(s, expected.samples[0] ?? {}));
  return samples.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

const sorted = (rows: readonly Row[]): Row[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * Runs `operation` through `precheck` (expecting exactly `expected`) and then `apply` (expecting
 * TM_PRECHECK_FAILED for the first of them), checking after each that neither the schema nor
 * the rows of `table` changed.
 */
async function expectRefused(db: CaseContext, table: string, columns: readonly string[], operation: SchemaOperation, expected: readonly Expected[]): Promise<void> {
  const schema = comparableSnapshot(await db.connection.introspect(), db.capabilities);
  const rows = await db.select(table, columns, 'id');
  const unchanged = async (after: string): Promise<void> => {
    assert.deepStrictEqual(comparableSnapshot(await db.connection.introspect(), db.capabilities), schema, `the schema is unchanged after ${after}`);
    assert.deepStrictEqual(await db.select(table, columns, 'id'), rows, `the rows are unchanged after ${after}`);
  };

  const failures = await db.connection.applier.precheck(operation);
  assert.deepStrictEqual(failures.map((f) => [f.code, f.details.check, f.details.count]), expected.map((e) => ['TM_PRECHECK_FAILED', e.check, e.count]),
    failures.map((f) => f.message).join('\n'));
  for (const [i, e] of expected.entries()) assert.deepStrictEqual(samplesOf(failures[i]!, e), sorted(e.samples), `samples of ${e.check}`);
  await unchanged('precheck');

  await assert.rejects(db.connection.withLock(() => db.connection.transaction(() => db.connection.applier.apply(operation))), (err) => {
    assert.ok(isTidemarkError(err, 'TM_PRECHECK_FAILED'), String(err));
    assert.equal(err.details.check, expected[0]!.check);
    assert.equal(err.details.count, expected[0]!.count);
    return true;
  });
  await unchanged('apply');
}

/** A table `name` with an `id` key and `column`, holding `values` as rows 1, 2, 3… */
async function seed(db: CaseContext, name: string, column: ColumnSpec, values: readonly Row[string][]): Promise<void> {
  await db.apply(op.createTable({ name, columns: [{ name: 'id', type: 'i32' }, column], primaryKey: ['id'] }));
  await db.insert(name, values.map((v, i) => ({ id: i + 1, [column.name]: v })));
}

await conformanceSuite('prechecks', [
  {
    name: 'NULLs before NOT NULL, on a table whose long name PostgreSQL and MySQL shorten',
    async run(db) {
      const table = 'items_with_a_rather_long_name_that_postgres_and_mysql_both_have_to_shorten';
      await seed(db, table, { name: 'name', type: 'string', length: 20, nullable: true }, ['a', null, 'c', null]);
      await expectRefused(db, table, ['id', 'name'], op.alterColumn(table, 'name', { type: 'string', length: 20 }), [
        { check: 'not null', count: 2, samples: [{ id: 2, name: null }, { id: 4, name: null }] },
      ]);
      assert.deepStrictEqual(await db.connection.applier.precheck(op.alterColumn(table, 'name', { type: 'string', length: 30, nullable: true })), [],
        'a change the data survives has no failure');
    },
  },
  {
    name: 'duplicates before a unique index (NULLs never repeat)',
    async run(db) {
      await seed(db, 'people', { name: 'email', type: 'string', length: 40, nullable: true }, ['a@x', 'b@x', 'a@x', 'c@x', 'b@x', null, null]);
      const failures = await db.connection.applier.precheck(op.createIndex('people', { name: 'idx_people_email', columns: ['email'], unique: true, applicationEnforced: true }));
      assert.deepStrictEqual(failures.map((f) => [f.details.check, f.details.count]), [['unique', 4]]);
      // SQL and MongoDB show each repeated value once, DynamoDB each item holding one: the values are the same
      const values = new Set((failures[0]!.details.samples as Row[]).map((s) => s.email));
      assert.deepStrictEqual([...values].sort(), ['a@x', 'b@x']);
      await expectRefused(db, 'people', ['id', 'email'], op.createIndex('people', { name: 'idx_people_email', columns: ['email'], unique: true, applicationEnforced: true }), [
        { check: 'unique', count: 4, samples: (failures[0]!.details.samples as Record<string, unknown>[]).map((s) => comparable(s, { email: '' })) },
      ]);
    },
  },
  {
    name: 'orphans before a foreign key (NULLs are not checked)',
    requires: ['foreignKeys'],
    async run(db) {
      await seed(db, 'parents', { name: 'label', type: 'string', length: 10, nullable: true }, ['p1', 'p2']);
      await seed(db, 'children', { name: 'parent_id', type: 'i32', nullable: true }, [1, 3, null, 4, 2]);
      await expectRefused(db, 'children', ['id', 'parent_id'],
        op.addForeignKey('children', { name: 'fk_children_parent', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'] }), [
          { check: 'foreign key', count: 2, samples: [{ id: 2, parent_id: 3 }, { id: 4, parent_id: 4 }] },
        ]);
    },
  },
  {
    name: 'a shorter string: values longer than the new length',
    async run(db) {
      await seed(db, 'words', { name: 'word', type: 'string', length: 20, nullable: true }, ['abc', 'abcd', null, 'xyzzy', 'ü日本']);
      await expectRefused(db, 'words', ['id', 'word'], op.alterColumn('words', 'word', { type: 'string', length: 3, nullable: true }), [
        { check: 'string length', count: 2, samples: [{ id: 2, word: 'abcd' }, { id: 4, word: 'xyzzy' }] },
      ]);
    },
  },
  {
    name: 'i64 → i32: values out of range',
    async run(db) {
      await seed(db, 'counters', { name: 'n', type: 'i64', nullable: true }, [1, 3000000000, -3000000000, null, 2147483647]);
      await expectRefused(db, 'counters', ['id', 'n'], op.alterColumn('counters', 'n', { type: 'i32', nullable: true }), [
        { check: 'integer range', count: 2, samples: [{ id: 2, n: 3000000000 }, { id: 3, n: -3000000000 }] },
      ]);
    },
  },
  {
    name: 'decimal(10,3) → decimal(10,2): values that would round are refused, not rounded',
    async run(db) {
      await seed(db, 'prices', { name: 'price', type: 'decimal', precision: 10, scale: 3, nullable: true }, [1.234, 1.23, 2.5, null, 0.001, -7.125]);
      const narrower = op.alterColumn('prices', 'price', { type: 'decimal', precision: 10, scale: 2, nullable: true });
      await expectRefused(db, 'prices', ['id', 'price'], narrower, [
        { check: 'decimal scale', count: 3, samples: [{ id: 1, price: 1.234 }, { id: 5, price: 0.001 }, { id: 6, price: -7.125 }] },
      ]);
      const failures = await db.connection.applier.precheck(narrower);
      assert.match(failures[0]!.hint, /round them explicitly first with a data step \(db\.execute/);
    },
  },
  {
    name: "text → integer: '007', ' 7' and '7.0' would change, 'abc' is no number; all failures are reported",
    async run(db) {
      await seed(db, 'codes', { name: 'code', type: 'text', nullable: true }, ['7', '007', ' 7', '7.0', '-12', null, 'abc', '0']);
      const toInteger = op.alterColumn('codes', 'code', { type: 'i32', nullable: true });
      await expectRefused(db, 'codes', ['id', 'code'], toInteger, [
        { check: 'numeric text', count: 1, samples: [{ id: 7, code: 'abc' }] },
        { check: 'number text', count: 3, samples: [{ id: 2, code: '007' }, { id: 3, code: ' 7' }, { id: 4, code: '7.0' }] },
      ]);
      const failures = await db.connection.applier.precheck(toInteger);
      assert.match(failures[1]!.hint, /convert them explicitly first with a data step \(db\.execute/);
    },
  },
  {
    name: 'enum values a narrower enum no longer allows',
    async run(db) {
      await seed(db, 'shapes', { name: 'kind', type: 'enum', values: ['a', 'b', 'c'], nullable: true }, ['a', 'c', 'b', 'c', null]);
      await expectRefused(db, 'shapes', ['id', 'kind'], op.alterColumn('shapes', 'kind', { type: 'enum', values: ['a', 'b'], nullable: true }), [
        { check: 'enum values', count: 2, samples: [{ id: 2, kind: 'c' }, { id: 4, kind: 'c' }] },
      ]);
    },
  },
]);
