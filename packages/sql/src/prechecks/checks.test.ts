// The SQL prechecks are one definition spelt in three dialects: these tests hold the definition
// (which checks apply, in which order, what they say) the same across dialects without a server,
// pin the SQL each dialect reads, and the runner's modes. Counts and samples on live databases
// are the conformance suite's (test/conformance/prechecks.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { emptySnapshot, op, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { checkPredicates as mysql } from '../dialects/mysql/check-predicates.js';
import { checkPredicates as postgres } from '../dialects/postgres/check-predicates.js';
import { checkPredicates as sqlite } from '../dialects/sqlite/check-predicates.js';
import type { SqlExecutor } from '../sql-executor.js';
import type { CheckPredicates } from './check-predicates.js';
import { renderQuery } from './check-query.js';
import { planChecks, runChecks } from './run-checks.js';

const DIALECTS: Record<string, CheckPredicates> = { sqlite, postgres, mysql };

const before: SchemaSnapshot = {
  ...emptySnapshot(),
  tables: [{
    name: 'items',
    model: 'Item',
    columns: [
      { name: 'id', type: 'i32', nullable: false },
      { name: 'code', type: 'text', nullable: true },
      { name: 'price', type: 'decimal', precision: 10, scale: 3, nullable: true },
      { name: 'label', type: 'string', nullable: true },
      { name: 'raw', type: 'bytes', nullable: true },
    ],
    primaryKey: ['id'],
    indexes: [{ name: 'idx_items_code', columns: ['code'], unique: true }],
    foreignKeys: [],
  }],
};

/** The checks (by the name their failure carries) each dialect runs for `operation`. */
const verdicts = (operation: SchemaOperation): Record<string, string[]> => Object.fromEntries(Object.entries(DIALECTS)
  .map(([name, p]) => [name, planChecks(operation, before, p).flatMap((c) => c.queries.map((q) => q.check))]));

const same = (names: string[]): Record<string, string[]> => ({ sqlite: names, postgres: names, mysql: names });

describe('SQL prechecks: one definition, three dialects', () => {
  it('text → integer: the same checks, in the same order, the duplicate check last', () => {
    assert.deepEqual(verdicts(op.alterColumn('items', 'code', { type: 'i32', nullable: true })),
      same(['numeric text', 'number text', 'integer range', 'unique idx_items_code']));
  });

  it('a smaller decimal scale and a new NOT NULL: the same checks everywhere (rounding may add a digit)', () => {
    assert.deepEqual(verdicts(op.alterColumn('items', 'price', { type: 'decimal', precision: 10, scale: 2 })),
      same(['not null', 'decimal precision', 'decimal scale']));
  });

  it('NULLs before a new key on every dialect', () => {
    assert.deepEqual(verdicts(op.alterPrimaryKey('items', ['code'])), same(['not null', 'primary key']));
  });

  it('a dialect only changes what it must: MySQL sizes a string without length, PostgreSQL alone decodes and parses', () => {
    const shorter = op.alterColumn('items', 'label', { type: 'string', length: 100, nullable: true });
    assert.deepEqual(verdicts(shorter), same(['string length']));
    const fromBytes = op.alterColumn('items', 'raw', { type: 'json', nullable: true });
    assert.deepEqual(verdicts(fromBytes), { sqlite: [], postgres: ['utf8 text'], mysql: ['json values'] });
  });

  it('pins the SQL each dialect reads for number text', () => {
    const [, numberText] = planChecks(op.alterColumn('items', 'code', { type: 'i32', nullable: true }), before, postgres);
    assert.deepEqual(renderQuery(postgres, numberText!.queries[0]!), {
      setup: [],
      count: `SELECT COUNT(*) AS n FROM "items" WHERE "code" IS NOT NULL AND ("code" ~ '^[[:space:]]*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,4})?[[:space:]]*$') AND NOT ("code" ~ '^(0|-?[1-9][0-9]*)$')`,
      samples: `SELECT "id", "code" FROM "items" WHERE "code" IS NOT NULL AND ("code" ~ '^[[:space:]]*[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,4})?[[:space:]]*$') AND NOT ("code" ~ '^(0|-?[1-9][0-9]*)$') ORDER BY "id" LIMIT 5`,
    });
    const [, mysqlNumberText] = planChecks(op.alterColumn('items', 'code', { type: 'i32', nullable: true }), before, mysql);
    assert.equal(renderQuery(mysql, mysqlNumberText!.queries[0]!).count,
      "SELECT COUNT(*) AS n FROM `items` WHERE `code` IS NOT NULL AND (CAST(`code` AS CHAR) REGEXP '^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$') "
      + "AND NOT (CAST(`code` AS CHAR) REGEXP '^(0|-?[1-9][0-9]*)$')");
  });

  it('pins the duplicate read: NULLs never repeat, groups in value order', () => {
    const [query] = planChecks(op.createIndex('items', { name: 'u', columns: ['label'], unique: true }), before, sqlite)[0]!.queries;
    assert.deepEqual(renderQuery(sqlite, query!), {
      setup: [],
      count: 'SELECT SUM(n) AS n FROM (SELECT COUNT(*) AS n FROM "items" WHERE ("label") IS NOT NULL GROUP BY "label" HAVING COUNT(*) > 1) AS repeated',
      samples: 'SELECT "label" AS "label", COUNT(*) AS "duplicates" FROM "items" WHERE ("label") IS NOT NULL GROUP BY "label" HAVING COUNT(*) > 1 ORDER BY "label" LIMIT 5',
    });
  });
});

/** An executor whose counts come from `failing`: a query whose text contains a key counts that many rows. */
function fakeExecutor(failing: Record<string, number>): { executor: SqlExecutor; reads: string[] } {
  const reads: string[] = [];
  const executor: SqlExecutor = {
    run: async (s) => { reads.push(s); },
    all: async <T>(s: string): Promise<T[]> => {
      reads.push(s);
      const hit = Object.entries(failing).find(([k]) => s.includes(k));
      if (s.startsWith('SELECT COUNT(*)') || s.startsWith('SELECT SUM')) return [{ n: hit ? hit[1] : 0 } as T];
      return [{ id: 1 } as T];
    },
    execute: async () => [],
  };
  return { executor, reads };
}

describe('runChecks', () => {
  const toInteger = op.alterColumn('items', 'code', { type: 'i32', nullable: true });

  it('first mode stops at the first failure; all mode reports each failing check once', async () => {
    const { executor } = fakeExecutor({ 'NOT (CASE': 1, 'AND NOT (typeof': 3 });
    const first = await runChecks(executor, sqlite, toInteger, before, 'first');
    assert.deepEqual(first.map((f) => [f.details.check, f.details.count]), [['numeric text', 1]]);
    const all = await runChecks(executor, sqlite, toInteger, before, 'all');
    assert.deepEqual(all.map((f) => [f.details.check, f.details.count, f.details.samples]), [['numeric text', 1, [{ id: 1 }]], ['number text', 3, [{ id: 1 }]]]);
  });

  it('the duplicate check runs only when every value check passed', async () => {
    const failingValues = fakeExecutor({ 'NOT (CASE': 1 });
    await runChecks(failingValues.executor, sqlite, toInteger, before, 'all');
    assert.ok(!failingValues.reads.some((r) => r.includes('HAVING')), 'no duplicate read after a failed value check');
    const passing = fakeExecutor({});
    await runChecks(passing.executor, sqlite, toInteger, before, 'all');
    assert.ok(passing.reads.some((r) => r.includes('HAVING')), 'the duplicate read once values pass');
  });

  it('a blocking failure stops the checks after it, even in all mode', async () => {
    const { executor, reads } = fakeExecutor({ "encode(": 2 });
    const failures = await runChecks(executor, postgres, op.alterColumn('items', 'raw', { type: 'text', nullable: true }), before, 'all');
    assert.deepEqual(failures.map((f) => f.details.check), ['utf8 text']);
    assert.equal(reads.length, 2, 'the count and the samples of the UTF-8 check, nothing after it');
  });
});
