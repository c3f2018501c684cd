// A migration that fails part-way is a state every command understands (issue 16,
// docs/failure-recovery.md). On every live backend, through the CLI: a migration run without a
// transaction (`transaction: false`, so SQLite and PostgreSQL fail part-way too) fails at its
// third step; then each way out — down, resume, resolve — must leave the database truthful with
// every row of the migration before it intact. Also: prechecks that read data from before the
// migration refuse it before its first step, on every backend; read-only commands write nothing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { comparableSnapshot } from '@tidemark/core';
import { loadMigration, readMigrationFiles, replayMigrations } from '@tidemark/migrator';
import { backendsUnderTest } from '../backends/index.js';
import type { BackendHarness, TestDatabase } from '../backends/harness.js';
import { createProject, type TempProject } from '../support/project.js';

const ITEMS = '20250101_000000_create_items';
const NARROW = '20250102_000000_narrow_items';
const REFUSED = '20250103_000000_refused_up_front';

function migration(id: string, up: string, down: string, options = ''): string {
  return `import { defineMigration } from '@tidemark/core';

export default defineMigration({
  id: '${id}',${options}
  async up(db) {
    ${up}
  },
  async down(db) {
    ${down}
  },
});
`;
}

const createItems = migration(ITEMS,
  `await db.createTable({ name: 'items', primaryKey: ['id'], columns: [
      { name: 'id', type: 'string', length: 40 },
      { name: 'name', type: 'string', length: 40 },
      { name: 'note', type: 'string', length: 40, nullable: true },
    ] });`,
  "await db.dropTable('items');");

// step 1 and 2 succeed; step 3 (note NOT NULL) fails while a row has no note
const narrowItems = migration(NARROW,
  `await db.createTable({ name: 'notes', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }] });
    await db.addColumn('items', { name: 'qty', type: 'i32', nullable: true });
    await db.alterColumn('items', 'note', { name: 'note', type: 'string', length: 40, nullable: false });`,
  `await db.alterColumn('items', 'note', { name: 'note', type: 'string', length: 40, nullable: true });
    await db.dropColumn('items', 'qty');
    await db.dropTable('notes');`,
  '\n  transaction: false,');

const ROWS = [{ id: 'a', name: 'first', note: 'kept' }, { id: 'b', name: 'second', note: null }];

interface Setup {
  readonly db: TestDatabase;
  readonly project: TempProject;
  run(...args: string[]): ReturnType<TempProject['run']>;
  statusOf(id: string): Promise<Record<string, unknown> | undefined>;
  tables(): Promise<string[]>;
}

async function setUp(harness: BackendHarness): Promise<Setup> {
  const db = await harness.create();
  const project = await createProject(db.url);
  const run = (...args: string[]) => project.run(args);
  return {
    db, project, run,
    statusOf: async (id) => {
      const r = await run('migrate:status', '--json');
      return (JSON.parse(r.stdout) as { entries: Record<string, unknown>[] }).entries.find((e) => e.id === id);
    },
    tables: async () => (await db.connection.introspect()).tables.map((t) => t.name).sort(),
  };
}

async function failNarrow(s: Setup): Promise<void> {
  await s.project.write(`migrations/${ITEMS}.ts`, createItems);
  const first = await s.run('migrate:up');
  assert.equal(first.code, 0, first.stderr);
  await s.db.insert('items', ROWS);
  await s.project.write(`migrations/${NARROW}.ts`, narrowItems);
  const failed = await s.run('migrate:up', '--json');
  assert.equal(failed.code, 1, failed.stdout);
  const error = JSON.parse(failed.stdout).error;
  assert.equal(error.code, 'TM_PRECHECK_FAILED', failed.stdout);
  assert.equal(error.details.step, 3);
  const entry = await s.statusOf(NARROW);
  assert.equal(entry?.state, 'failed');
  assert.equal(entry?.stepsApplied, 2);
  assert.equal(entry?.failedStep, 3);
  assert.deepEqual((entry?.steps as { state: string }[]).map((x) => x.state), ['applied', 'applied', 'failed']);
  assert.deepEqual(await s.tables(), ['items', 'notes']);
}

/** The live schema equals what the migrations folder says (what `migrate:check --url` checks). */
async function schemaIsWhatMigrationsSay(s: Setup, harness: BackendHarness): Promise<void> {
  const files = await readMigrationFiles(join(s.project.dir, 'migrations'));
  const replayed = await replayMigrations(files, loadMigration, harness.name);
  const expected = replayed.at(-1)!.after;
  assert.deepStrictEqual(comparableSnapshot(await s.db.connection.introspect(), harness.capabilities), comparableSnapshot(expected, harness.capabilities));
}

async function rowsSurvive(s: Setup): Promise<void> {
  assert.deepEqual(await s.db.select('items', ['id', 'name'], 'id'), ROWS.map(({ id, name }) => ({ id, name })));
}

for (const { harness, skip } of await backendsUnderTest()) {
  describe(`failure recovery on ${harness.name}`, { skip: Boolean(skip) }, () => {
    let s: Setup;
    beforeAll(async () => { s = await setUp(harness); });
    afterAll(async () => { await s?.project.cleanup(); await s?.db.dispose(); });

    test('failed part-way → up refuses, naming every way out; down --dry-run shows only its applied steps undone', async () => {
      await failNarrow(s);
      const refused = await s.run('migrate:up', '--json');
      assert.equal(refused.code, 1);
      const error = JSON.parse(refused.stdout).error;
      assert.equal(error.code, 'TM_MIGRATION_FAILED');
      for (const way of ['migrate:up --resume', 'migrate:down', `migrate:resolve ${NARROW} --applied`, '--rolled-back']) assert.ok(error.hint.includes(way), error.hint);
      const dry = await s.run('migrate:down', '--dry-run', '--json');
      assert.equal(dry.code, 0, dry.stdout);
      assert.deepEqual(JSON.parse(dry.stdout).ids, [NARROW], 'down never steps over the failed migration');
      assert.deepEqual(await s.tables(), ['items', 'notes'], 'a dry run changes nothing');
    });

    test('failed → down undoes exactly its applied steps, newest first; the migration before it and its rows stay', async () => {
      const refused = await s.run('migrate:down');
      assert.equal(refused.code, 3, 'dropping a table it created is destructive like any other');
      const down = await s.run('migrate:down', '--allow-destructive');
      assert.equal(down.code, 0, down.stderr);
      assert.match(down.stdout, /its 2 applied step\(s\) were undone/);
      assert.deepEqual(await s.tables(), ['items']);
      assert.equal(await s.statusOf(NARROW).then((e) => e?.state), 'pending');
      assert.equal(await s.statusOf(ITEMS).then((e) => e?.state), 'applied');
      await rowsSurvive(s);
      assert.equal((await s.db.connection.introspect()).tables[0]!.columns.some((c) => c.name === 'qty'), false);
    });

    test('failed → fix the data → up --resume continues from the failed step', async () => {
      const again = await s.run('migrate:up');
      assert.equal(again.code, 1);
      assert.equal(await s.statusOf(NARROW).then((e) => e?.stepsApplied), 2);
      await s.db.clear(['items']);
      await s.db.insert('items', ROWS.map((r) => ({ ...r, note: r.note ?? 'filled' })));
      const resumed = await s.run('migrate:up', '--resume');
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, /resuming at step 3/);
      assert.equal(await s.statusOf(NARROW).then((e) => e?.state), 'applied');
      await rowsSurvive(s);
      await schemaIsWhatMigrationsSay(s, harness);
    });

    test('failed → settled by hand → resolve --rolled-back makes it pending; resolve --applied records it', async () => {
      const down = await s.run('migrate:down', '--allow-destructive');
      assert.equal(down.code, 0, down.stderr);
      await s.db.clear(['items']);
      await s.db.insert('items', ROWS);
      const failed = await s.run('migrate:up');
      assert.equal(failed.code, 1);
      // the user undoes the two applied steps by hand, then says so
      await s.db.connection.applier.apply({ kind: 'dropColumn', table: 'items', column: 'qty' });
      await s.db.connection.applier.apply({ kind: 'dropTable', table: 'notes' });
      const wrong = await s.run('migrate:repair', NARROW);
      assert.equal(wrong.code, 2, 'repair keeps its checksum job');
      const resolved = await s.run('migrate:resolve', NARROW, '--rolled-back');
      assert.equal(resolved.code, 0, resolved.stderr);
      assert.equal(await s.statusOf(NARROW).then((e) => e?.state), 'pending');
      await rowsSurvive(s);
      // failed again, then finished by hand and recorded as applied
      assert.equal((await s.run('migrate:up')).code, 1);
      await s.db.clear(['items']);
      await s.db.insert('items', ROWS.map((r) => ({ ...r, note: r.note ?? 'filled' })));
      await s.db.connection.applier.apply({ kind: 'alterColumn', table: 'items', column: 'note', to: { name: 'note', type: 'string', length: 40, nullable: false } });
      const applied = await s.run('migrate:resolve', NARROW, '--applied');
      assert.equal(applied.code, 0, applied.stderr);
      assert.equal(await s.statusOf(NARROW).then((e) => e?.state), 'applied');
      await schemaIsWhatMigrationsSay(s, harness);
    });
  });

  describe(`prechecks before the first step on ${harness.name}`, { skip: Boolean(skip) }, () => {
    test('every failing check of data from before the migration is reported at once, and nothing changed', async () => {
      const s = await setUp(harness);
      try {
        await s.project.write(`migrations/${ITEMS}.ts`, createItems);
        assert.equal((await s.run('migrate:up')).code, 0);
        await s.db.insert('items', [{ id: 'a', name: 'x', note: null }, { id: 'b', name: 'y', note: null }]);
        // step 1 creates a table; step 2's check reads items, untouched before it: it runs first
        await s.project.write(`migrations/${REFUSED}.ts`, migration(REFUSED,
          `await db.createTable({ name: 'early', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }] });
    await db.alterColumn('items', 'note', { name: 'note', type: 'string', length: 40, nullable: false });`,
          "await db.dropTable('early');", '\n  transaction: false,'));
        // the same verdict, read-only, from a dry run
        const dry = await s.run('migrate:up', '--dry-run', '--prechecks', '--json');
        assert.equal(dry.code, 1, dry.stdout);
        assert.equal(JSON.parse(dry.stdout).error.details.failures[0].count, 2);
        assert.deepEqual(await s.tables(), ['items']);
        assert.equal(await s.statusOf(REFUSED).then((e) => e?.state), 'pending', 'a dry run records nothing');
        const refused = await s.run('migrate:up', '--json');
        assert.equal(refused.code, 1, refused.stdout);
        const error = JSON.parse(refused.stdout).error;
        assert.equal(error.code, 'TM_PRECHECK_FAILED');
        assert.equal(error.details.step, 2);
        assert.equal(error.details.failures[0].count, 2);
        assert.deepEqual(await s.tables(), ['items'], 'step 1 never ran');
        const entry = await s.statusOf(REFUSED);
        assert.deepEqual([entry?.state, entry?.stepsApplied], ['failed', 0]);
        // fixed, the dry run says the data is ready
        await s.db.clear(['items']);
        await s.db.insert('items', [{ id: 'a', name: 'x', note: 'n' }]);
        const ready = await s.run('migrate:up', '--dry-run', '--prechecks');
        assert.equal(ready.code, 0, ready.stdout + ready.stderr);
        assert.match(ready.stdout, /Data prechecks pass for 2 step\(s\)/);
      } finally {
        await s.project.cleanup();
        await s.db.dispose();
      }
    });
  });

  describe(`a run killed part-way on ${harness.name}`, { skip: Boolean(skip) }, () => {
    const KILLED = '20250104_000000_killed';
    // step 1 createTable, step 2 addColumn, step 3 a native data fix, step 4 createIndex
    const fix = harness.capabilities.nativeStatements === 'sql'
      ? "await db.execute(\"INSERT INTO audit (id) VALUES ('fix')\");"
      : "await db.execute({ command: 'PutItem', input: { TableName: 'audit', Item: { id: { S: 'fix' } } } });";

    async function killedAt(s: Setup, stepsDone: number, stepRan: boolean): Promise<void> {
      await s.project.write(`migrations/${ITEMS}.ts`, createItems);
      assert.equal((await s.run('migrate:up')).code, 0);
      await s.db.insert('items', ROWS);
      await s.project.write(`migrations/${KILLED}.ts`, migration(KILLED,
        `await db.createTable({ name: 'audit', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }] });
    await db.addColumn('items', { name: 'qty', type: 'i32', nullable: true });
    ${fix}
    await db.createIndex('items', { name: 'idx_items_name', columns: ['name'] });`,
        "await db.dropIndex('items', 'idx_items_name');\n    await db.dropColumn('items', 'qty');\n    await db.dropTable('audit');", '\n  transaction: false,'));
      // what a run killed in step stepsDone+1 leaves: the steps before it, maybe that step, and its `running` record
      const steps = [
        () => s.db.connection.applier.apply({ kind: 'createTable', table: { name: 'audit', model: '', columns: [{ name: 'id', type: 'string', length: 40, nullable: false }], primaryKey: ['id'], indexes: [], foreignKeys: [] } }),
        () => s.db.connection.applier.apply({ kind: 'addColumn', table: 'items', column: { name: 'qty', type: 'i32', nullable: true } }),
        () => s.db.insert('audit', [{ id: 'fix' }]),
      ];
      for (const step of steps.slice(0, stepsDone + (stepRan ? 1 : 0))) await step();
      const { readMigrationFiles: read } = await import('@tidemark/migrator');
      const file = (await read(join(s.project.dir, 'migrations'))).find((f) => f.id === KILLED)!;
      await s.db.connection.history.save({ id: KILLED, checksum: file.checksum, appliedAt: new Date().toISOString(), executionMs: 1, appliedBy: 'killed', outcome: 'running', stepsApplied: stepsDone });
    }

    test('killed in a schema step that had taken effect: status says running; up reads the schema and continues after it', async () => {
      const s = await setUp(harness);
      try {
        await killedAt(s, 1, true);
        const entry = await s.statusOf(KILLED);
        assert.deepEqual([entry?.state, entry?.stepsApplied], ['running', 1]);
        const up = await s.run('migrate:up');
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stderr, /step 2 had taken effect/);
        assert.equal(await s.statusOf(KILLED).then((e) => e?.state), 'applied');
        assert.equal(await s.db.count('audit'), 1, 'the data fix ran exactly once');
        await rowsSurvive(s);
        await schemaIsWhatMigrationsSay(s, harness);
      } finally {
        await s.project.cleanup();
        await s.db.dispose();
      }
    });

    test('killed in a native statement: up refuses to guess; resolve --steps-applied with what the user found, then up --resume', async () => {
      const s = await setUp(harness);
      try {
        await killedAt(s, 2, true);
        const up = await s.run('migrate:up', '--json');
        assert.equal(up.code, 1, up.stdout);
        const error = JSON.parse(up.stdout).error;
        assert.equal(error.code, 'TM_MIGRATION_INTERRUPTED');
        assert.ok(error.hint.includes(`migrate:resolve ${KILLED} --steps-applied 3`), error.hint);
        assert.equal(await s.db.count('audit'), 1, 'not run again');
        // the user looks: the audit row is there, so step 3 ran
        assert.equal((await s.run('migrate:resolve', KILLED, '--steps-applied', '3')).code, 0);
        const resumed = await s.run('migrate:up', '--resume');
        assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
        assert.equal(await s.db.count('audit'), 1, 'the data fix ran exactly once');
        assert.equal(await s.statusOf(KILLED).then((e) => e?.state), 'applied');
        await schemaIsWhatMigrationsSay(s, harness);
      } finally {
        await s.project.cleanup();
        await s.db.dispose();
      }
    });
  });
}
