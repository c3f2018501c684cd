// PRODUCT.md §6: "One `up` at a time per database: concurrent runs wait on a lock, so each
// migration is applied exactly once." Issue 16 asks it of every live backend with 8 processes:
// 8 real `tidemark migrate:up` processes started together against one database, over several
// migrations (some slow), each with a data step that inserts an audit row with a fresh key, so a
// migration applied twice leaves two rows. Every process exits 0; `_tidemark_migrations` holds
// each migration once, applied; the audit table one row per migration.
//
// Repetitions per backend: TIDEMARK_CONCURRENCY_REPS, else 10 with TIDEMARK_STRESS, else 1.
import assert from 'node:assert/strict';
import { beforeAll, describe, test } from 'vitest';
import type { Dialect } from '@tidemark/core';
import { backendsUnderTest } from '../backends/index.js';
import type { BackendHarness } from '../backends/harness.js';
import { describeRun, ensureBin, historyRows, runBin, type ProcessResult } from '../support/cli-process.js';
import { closeAll, runThenCleanUp } from '../support/cleanup.js';
import { createProject } from '../support/project.js';

const PROCESSES = 8;
const REPS = Number(process.env.TIDEMARK_CONCURRENCY_REPS ?? (process.env.TIDEMARK_STRESS ? 10 : 1));

/** A statement that takes a while on each SQL backend (DynamoDB's index build is slow by itself). */
function slowStatement(dialect: Dialect): string {
  switch (dialect) {
    case 'postgres': return "await db.execute('SELECT pg_sleep(0.4)');";
    case 'mysql': return "await db.execute('SELECT SLEEP(0.4)');";
    case 'sqlite': return "await db.execute('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT count(*) FROM c');";
    default: return '';
  }
}

/** The audit row, as the backend's native statement: SQL INSERT, or a DynamoDB PutItem. */
function auditInsert(dialect: Dialect, id: string): string {
  return dialect === 'dynamodb'
    ? `await db.execute({ command: 'PutItem', input: { TableName: 'audit', Item: { id: { S: randomUUID() }, migration: { S: '${id}' } } } });`
    : `await db.execute(\`INSERT INTO audit (id, migration) VALUES ('\${randomUUID()}', '${id}')\`);`;
}

interface Def { readonly id: string; readonly up: string; readonly down: string }

function migrationSet(dialect: Dialect): Def[] {
  const ids = ['20250101_000000_audit', '20250102_000000_orders', '20250103_000000_order_index', '20250104_000000_customers', '20250105_000000_notes'];
  return [
    {
      id: ids[0]!,
      up: `await db.createTable({ name: 'audit', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }, { name: 'migration', type: 'string', length: 80 }] });
    ${auditInsert(dialect, ids[0]!)}`,
      down: "await db.dropTable('audit');",
    },
    {
      id: ids[1]!,
      up: `await db.createTable({ name: 'orders', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }, { name: 'total', type: 'i32', nullable: true }] });
    ${slowStatement(dialect)}
    ${auditInsert(dialect, ids[1]!)}`,
      down: "await db.dropTable('orders');",
    },
    {
      id: ids[2]!,
      up: `await db.createIndex('orders', { name: 'idx_orders_total', columns: ['total'] });
    ${auditInsert(dialect, ids[2]!)}`,
      down: "await db.dropIndex('orders', 'idx_orders_total');",
    },
    {
      id: ids[3]!,
      up: `await db.createTable({ name: 'customers', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }, { name: 'email', type: 'string', length: 80, nullable: true }] });
    await db.createIndex('customers', { name: 'idx_customers_email', columns: ['email'] });
    ${slowStatement(dialect)}
    ${auditInsert(dialect, ids[3]!)}`,
      down: "await db.dropTable('customers');",
    },
    {
      id: ids[4]!,
      up: `await db.addColumn('orders', { name: 'note', type: 'string', length: 80, nullable: true });
    ${auditInsert(dialect, ids[4]!)}`,
      down: "await db.dropColumn('orders', 'note');",
    },
  ];
}

function migrationFile(m: Def): string {
  return `import { randomUUID } from 'node:crypto';
import { defineMigration } from '@tidemark/core';

export default defineMigration({
  id: '${m.id}',
  async up(db) {
    ${m.up}
  },
  async down(db) {
    ${m.down}
  },
});
`;
}

const appliedBy = (r: ProcessResult) => [...r.stdout.matchAll(/✅ Applied: (\S+)/g)].map((m) => m[1]!);

/** Runs one repetition; returns how many migrations each process applied (most apply none). */
async function once(harness: BackendHarness, rep: number): Promise<number[]> {
  const db = await harness.create();
  const project = await createProject(db.url);
  return runThenCleanUp(async () => {
    const set = migrationSet(harness.name);
    const ids = set.map((m) => m.id);
    for (const m of set) await project.write(`migrations/${m.id}.ts`, migrationFile(m));

    const runs = await Promise.all(Array.from({ length: PROCESSES }, () => runBin(project.dir, ['migrate:up'])));
    const where = `${harness.name}, repetition ${rep + 1}`;
    for (const r of runs) {
      assert.equal(r.code, 0, `${where}: ${describeRun(['migrate:up'], r)}`);
      assert.doesNotMatch(r.stderr, /error|TM_/i, `${where}: ${r.stderr}`);
    }
    // the runs overlapped in time: otherwise this proves nothing about the lock
    const lastStart = Math.max(...runs.map((r) => r.started));
    const firstEnd = Math.min(...runs.map((r) => r.ended));
    assert.ok(lastStart < firstEnd, `${where}: the ${PROCESSES} processes did not overlap`);

    // each migration applied by exactly one process
    const all = runs.flatMap(appliedBy).sort();
    assert.deepEqual(all, ids, `${where}: each migration applied once across the processes:\n${runs.map((r) => r.stdout).join('---\n')}`);
    for (const r of runs) {
      if (appliedBy(r).length === 0) assert.match(r.stdout, /Nothing to apply/, `${where}: ${r.stdout}`);
      else assert.match(r.stdout, new RegExp(`Applied ${appliedBy(r).length} migration\\(s\\)`), `${where}: ${r.stdout}`);
    }

    // the database's own record: one row per migration, applied; one audit row per migration
    assert.deepEqual(await historyRows(db, harness.name), ids.map((id) => ({ id, outcome: 'applied' })), `${where}: _tidemark_migrations`);
    const audit = await db.select('audit', ['id', 'migration'], 'id');
    const perMigration = ids.map((id) => audit.filter((r) => r.migration === id).length);
    assert.deepEqual(perMigration, ids.map(() => 1), `${where}: audit rows per migration ${JSON.stringify(Object.fromEntries(ids.map((id, i) => [id, perMigration[i]])))}`);
    assert.equal(audit.length, ids.length, `${where}: audit rows`);
    return runs.map((r) => appliedBy(r).length);
  }, () => closeAll([['the test database', () => db.dispose()], ['the temp project', () => project.cleanup()]]));
}

const backends = await backendsUnderTest();
beforeAll(() => { ensureBin(); });

for (const { harness, skip } of backends) {
  if (harness.name === 'mongodb') continue; // no server on this machine (DEVELOPERS.md); the suite needs a live database
  describe(`${PROCESSES} migrate:up processes at once on ${harness.name}`, { skip: Boolean(skip) }, () => {
    test(`${REPS} repetition(s): all exit 0, every migration recorded and applied exactly once`, { timeout: 30 * 60_000 }, async () => {
      const started = Date.now();
      const split: string[] = [];
      for (let rep = 0; rep < REPS; rep++) split.push((await once(harness, rep)).join('+'));
      console.log(`  concurrency ${harness.name}: ${REPS} repetition(s) × ${PROCESSES} processes, every migration exactly once, ${Date.now() - started} ms; migrations applied per process: ${split.join(', ')}`);
    });
  });
}
