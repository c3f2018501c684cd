// Issue 16, "what it must show": `tidemark migrate:up` killed with SIGKILL at a random moment,
// on every live backend, over a set of multi-step schema migrations, data-moving migrations and a
// hand-written non-idempotent data fix. After each kill the test acts as a user would: it reads
// `migrate:status --json`, runs `migrate:up`, and when that asks for a settlement it looks at the
// data and runs the command the hint names. After every command it checks that status tells the
// truth about what the database holds (each step's effect is probed in the catalog and the data,
// independently of Tidemark's records), and at the end: fully migrated, no seeded row lost, the
// data fix applied exactly once. docs/failure-recovery.md is the contract.
//
// Trials per backend: TIDEMARK_CRASH_TRIALS, else 50 with TIDEMARK_STRESS, else 2 (CI: the suite stays under 10 minutes).
// TIDEMARK_SEED replays the kill moments (which migration, what fraction of its time, see `Windows`: the milliseconds
// still depend on the machine's load). The figures per backend are printed at the end.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Dialect, SchemaSnapshot, TableSnapshot } from '@tidemark/core';
import { backendsUnderTest } from '../backends/index.js';
import type { BackendHarness, Row, TestDatabase } from '../backends/harness.js';
import { describeRun, ensureBin, expireDynamoLock, mulberry32, runBin, sleep, startBin, type ProcessResult } from '../support/cli-process.js';
import { closeAll, runThenCleanUp } from '../support/cleanup.js';
import { createProject, type TempProject } from '../support/project.js';

const STRESS = Boolean(process.env.TIDEMARK_STRESS);
const TRIALS = Number(process.env.TIDEMARK_CRASH_TRIALS ?? (STRESS ? 50 : 2));
const SEED = process.env.TIDEMARK_SEED !== undefined ? Number(process.env.TIDEMARK_SEED) : Math.floor(Math.random() * 2 ** 31);
/** TIDEMARK_CRASH_BACKENDS=mysql,… narrows a replay to some backends. */
const ONLY = process.env.TIDEMARK_CRASH_BACKENDS?.split(',').map((x) => x.trim());
console.log(`crash-recovery: TIDEMARK_SEED=${SEED}, ${TRIALS} trial(s) per backend`);

// ---------------------------------------------------------------------------------------------
// The migration set. Each step carries its own code and a probe that says, from the database
// alone, whether the step's effect is there. Probes are monotone over the set: no later step
// takes away what an earlier probe looks for, so "steps 1..k took effect" is readable at any time.

/** `World` is what the database holds, read without Tidemark's records. */
interface World {
  readonly schema: SchemaSnapshot;
  /**
   * DynamoDB: the tables DynamoDB itself has. Tidemark's introspection shows only the tables it
   * holds metadata for, so a table whose CreateTable ran but whose metadata was never written
   * (a kill between the two) is invisible there; the probe must not share that blind spot.
   */
  readonly physical: ReadonlySet<string>;
  readonly rows: ReadonlyMap<string, readonly Row[]>;
}

interface Step {
  readonly code: string;
  /** Whether this step's effect is in the database. */
  readonly took: (w: World) => boolean;
  /** A native statement: its completion cannot be read from the schema. */
  readonly native?: true;
}

interface MigrationDef {
  readonly id: string;
  readonly options?: string;
  readonly steps: readonly Step[];
  readonly down: string;
}

const SEEDED: Row[] = Array.from({ length: 20 }, (_, i) => ({ id: `r${String(i + 1).padStart(2, '0')}`, name: `name ${i + 1}` }));
const FIX = 'fix_counts';
/** Extra rows on SQL backends (see `newTrial`). */
const FILLER = 20_000;

const table = (w: World, name: string): TableSnapshot | undefined => w.schema.tables.find((t) => t.name === name);
const tableExists = (w: World, name: string): boolean => !!table(w, name) || w.physical.has(name);
const column = (w: World, t: string, c: string) => table(w, t)?.columns.find((x) => x.name === c);
const hasIndex = (w: World, t: string, i: string) => table(w, t)?.indexes.some((x) => x.name === i) ?? false;
const rowsOf = (w: World, t: string): readonly Row[] => w.rows.get(t) ?? [];
const auditCount = (w: World) => rowsOf(w, 'audit').filter((r) => r.migration === FIX).length;
const counter = (w: World) => Number(rowsOf(w, 'counters').find((r) => r.name === 'fixes')?.n ?? 0);

/** Every table the set creates. */
const CREATED = ['items', 'audit', 'counters', 'tags', 'items_archive'];

/** The columns the test reads back from each table (when the table and column exist). */
const READ: Record<string, readonly string[]> = {
  items: ['id', 'name', 'title'], items_archive: ['id', 'name'], audit: ['id', 'migration'], counters: ['name', 'n'],
};

/** Renders a native statement for the backend: SQL text, or a DynamoDB command object literal. */
function native(dialect: Dialect, sql: string, dynamo: string): string {
  return dialect === 'dynamodb' ? `await db.execute(${dynamo});` : `await db.execute(${sql});`;
}

const q = (s: string) => JSON.stringify(s);

function migrationSet(dialect: Dialect): MigrationDef[] {
  const dynamoCopy = `{ command: 'TransactWriteItems', input: { TransactItems: ${q('@ITEMS@')} } }`;
  const copyTitles = dynamoCopy.replace(q('@ITEMS@'), JSON.stringify(SEEDED.map((r) => ({
    Update: { TableName: 'items', Key: { id: { S: r.id } }, UpdateExpression: 'SET #t = #n', ExpressionAttributeNames: { '#t': 'title', '#n': 'name' } },
  }))));
  const copyArchive = dynamoCopy.replace(q('@ITEMS@'), JSON.stringify(SEEDED.map((r) => ({
    Put: { TableName: 'items_archive', Item: { id: { S: r.id }, name: { S: r.name } } },
  }))));
  return [
    {
      id: '20250101_000000_create_base',
      steps: [
        { code: "await db.createTable({ name: 'items', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }, { name: 'name', type: 'string', length: 80 }] });", took: (w) => tableExists(w, 'items') },
        { code: "await db.createTable({ name: 'audit', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }, { name: 'migration', type: 'string', length: 80 }] });", took: (w) => tableExists(w, 'audit') },
        { code: "await db.createTable({ name: 'counters', primaryKey: ['name'], columns: [{ name: 'name', type: 'string', length: 40 }, { name: 'n', type: 'i32' }] });", took: (w) => tableExists(w, 'counters') },
      ],
      down: "await db.dropTable('counters');\n    await db.dropTable('audit');\n    await db.dropTable('items');",
    },
    {
      // multi-step schema: a table, columns, indexes, a widening, all in one migration
      id: '20250102_000000_catalog',
      steps: [
        { code: "await db.createTable({ name: 'tags', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }, { name: 'label', type: 'string', length: 40 }] });", took: (w) => tableExists(w, 'tags') },
        { code: "await db.addColumn('items', { name: 'qty', type: 'i32', nullable: true });", took: (w) => !!column(w, 'items', 'qty') },
        { code: "await db.createIndex('items', { name: 'idx_items_qty', columns: ['qty'] });", took: (w) => hasIndex(w, 'items', 'idx_items_qty') },
        { code: "await db.addColumn('tags', { name: 'color', type: 'string', length: 20, nullable: true });", took: (w) => !!column(w, 'tags', 'color') },
        { code: "await db.alterColumn('tags', 'label', { name: 'label', type: 'string', length: 80 });", took: (w) => column(w, 'tags', 'label')?.length === 80 },
        { code: "await db.createIndex('tags', { name: 'idx_tags_label', columns: ['label'] });", took: (w) => hasIndex(w, 'tags', 'idx_tags_label') },
      ],
      down: "await db.dropTable('tags');\n    await db.dropIndex('items', 'idx_items_qty');\n    await db.dropColumn('items', 'qty');",
    },
    {
      // data-moving, without a transaction (so SQLite and PostgreSQL record progress too):
      // a new column filled from an existing one, then made NOT NULL
      id: '20250103_000000_copy_titles',
      options: '\n  transaction: false,',
      steps: [
        { code: "await db.addColumn('items', { name: 'title', type: 'string', length: 80, nullable: true });", took: (w) => !!column(w, 'items', 'title') },
        {
          code: native(dialect, q('UPDATE items SET title = name'), copyTitles), native: true,
          took: (w) => rowsOf(w, 'items').filter((r) => SEEDED.some((s) => s.id === r.id)).every((r) => r.title === r.name) && rowsOf(w, 'items').length > 0,
        },
        { code: "await db.alterColumn('items', 'title', { name: 'title', type: 'string', length: 80 });", took: (w) => column(w, 'items', 'title')?.nullable === false },
      ],
      down: "await db.dropColumn('items', 'title');",
    },
    {
      // data-moving: rows copied into a new table
      id: '20250104_000000_archive_items',
      steps: [
        { code: "await db.createTable({ name: 'items_archive', primaryKey: ['id'], columns: [{ name: 'id', type: 'string', length: 40 }, { name: 'name', type: 'string', length: 80 }] });", took: (w) => tableExists(w, 'items_archive') },
        { code: native(dialect, q('INSERT INTO items_archive (id, name) SELECT id, name FROM items'), copyArchive), native: true, took: (w) => rowsOf(w, 'items_archive').length > 0 },
        { code: "await db.createIndex('items_archive', { name: 'idx_archive_name', columns: ['name'] });", took: (w) => hasIndex(w, 'items_archive', 'idx_archive_name') },
      ],
      down: "await db.dropTable('items_archive');",
    },
    {
      // the hand-written, NON-idempotent data fix: an audit row with a fresh key, a counter += 1
      id: `20250105_000000_${FIX}`,
      steps: [
        {
          code: native(dialect, `\`INSERT INTO audit (id, migration) VALUES ('\${randomUUID()}', '${FIX}')\``,
            `{ command: 'PutItem', input: { TableName: 'audit', Item: { id: { S: randomUUID() }, migration: { S: '${FIX}' } } } }`),
          native: true, took: (w) => auditCount(w) > 0,
        },
        {
          code: native(dialect, q("UPDATE counters SET n = n + 1 WHERE name = 'fixes'"),
            "{ command: 'UpdateItem', input: { TableName: 'counters', Key: { name: { S: 'fixes' } }, UpdateExpression: 'ADD #n :one', ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':one': { N: '1' } } } }"),
          native: true, took: (w) => counter(w) > 0,
        },
      ],
      down: '',
    },
    {
      id: '20250106_000000_finish',
      steps: [
        { code: "await db.addColumn('tags', { name: 'weight', type: 'i32', nullable: true });", took: (w) => !!column(w, 'tags', 'weight') },
        { code: "await db.createIndex('items', { name: 'idx_items_title', columns: ['title'] });", took: (w) => hasIndex(w, 'items', 'idx_items_title') },
        { code: "await db.alterColumn('tags', 'color', { name: 'color', type: 'string', length: 60, nullable: true });", took: (w) => column(w, 'tags', 'color')?.length === 60 },
      ],
      down: "await db.dropIndex('items', 'idx_items_title');\n    await db.dropColumn('tags', 'weight');",
    },
  ];
}

function migrationFile(m: MigrationDef): string {
  return `import { randomUUID } from 'node:crypto';
import { defineMigration } from '@tidemark/core';

void randomUUID;

export default defineMigration({
  id: '${m.id}',${m.options ?? ''}
  async up(db) {
    ${m.steps.map((s) => s.code).join('\n    ')}
  },
  async down(db) {
    ${m.down}
  },
});
`;
}

// ---------------------------------------------------------------------------------------------

async function readWorld(db: TestDatabase): Promise<World> {
  const schema = await db.connection.introspect();
  const rows = new Map<string, Row[]>();
  for (const [name, wanted] of Object.entries(READ)) {
    const t = schema.tables.find((x) => x.name === name);
    if (!t) continue;
    const columns = wanted.filter((c) => t.columns.some((x) => x.name === c));
    rows.set(name, await db.select(name, columns, columns[0]!));
  }
  const physical = new Set<string>();
  if (db.connection.dialect === 'dynamodb') {
    // a data read says whether DynamoDB has the table (db.execute takes no control-plane calls)
    for (const name of CREATED) {
      try {
        await db.connection.applier.execute({ command: 'Scan', input: { TableName: name, Limit: 1 } });
        physical.add(name);
      } catch (err) {
        if (!/ResourceNotFound|non-existent|not found|does not exist/i.test(`${(err as { name?: string }).name} ${(err as Error).message}`)) throw err;
      }
    }
  }
  return { schema, rows, physical };
}

interface StatusEntry { readonly id: string; readonly state: string; readonly stepsApplied?: number }

/**
 * `untruths` compares what `migrate:status --json` says of each migration with what the
 * database holds: applied = every step took effect; pending = none did; failed at k = exactly the
 * first k did; running at k = the first k did, step k+1 may or may not have, none after it did.
 */
function untruths(set: readonly MigrationDef[], entries: readonly StatusEntry[], w: World): string[] {
  const out: string[] = [];
  for (const m of set) {
    const e = entries.find((x) => x.id === m.id);
    const took = m.steps.map((s) => s.took(w));
    const shown = took.map((t) => (t ? 'x' : '.')).join('');
    if (!e) { out.push(`${m.id}: not in status (database: ${shown})`); continue; }
    const k = e.stepsApplied ?? 0;
    const ok = e.state === 'applied' ? took.every(Boolean)
      : e.state === 'pending' ? took.every((t) => !t)
        : e.state === 'failed' ? took.every((t, i) => t === i < k)
          : e.state === 'running' ? took.every((t, i) => (i < k ? t : i === k ? true : !t))
            : false;
    if (!ok) out.push(`${m.id}: status says ${e.state}${e.stepsApplied !== undefined ? ` (${k} step(s) applied)` : ''}, database has steps [${shown}]`);
  }
  return out;
}

interface Figures {
  trials: number;
  finishedBeforeKill: number;
  recoveredByThemselves: number;
  neededSettlement: number;
  /** Trials in which some `migrate:status` disagreed with the database (or failed). */
  untruthfulStatus: number;
  doubleApplies: number;
  rowsLost: number;
  /** How many kills landed in each migration. */
  landed: Map<string, number>;
}

/** One trial's project and database. */
interface Trial {
  readonly db: TestDatabase;
  readonly project: TempProject;
  readonly set: readonly MigrationDef[];
  readonly dialect: Dialect;
}

async function newTrial(harness: BackendHarness): Promise<Trial> {
  const db = await harness.create();
  const project = await createProject(db.url);
  const set = migrationSet(harness.name);
  for (const m of set) await project.write(`migrations/${m.id}.ts`, migrationFile(m));
  // the base tables exist and hold the seeded rows before the run that gets killed
  const base = await runBin(project.dir, ['migrate:up', '--to', set[0]!.id]);
  assert.equal(base.code, 0, describeRun(['migrate:up', '--to', set[0]!.id], base));
  await db.insert('items', SEEDED);
  if (harness.name !== 'dynamodb') {
    // bulk on SQL backends, so the data steps and table rebuilds take long enough for a kill to land
    // inside them (DynamoDB's index builds are slow enough by themselves)
    for (let i = 0; i < FILLER; i += 1000) {
      const values = Array.from({ length: Math.min(1000, FILLER - i) }, (_, j) => `('f${String(i + j).padStart(6, '0')}', 'filler ${i + j}')`);
      await db.connection.applier.execute(`INSERT INTO items (id, name) VALUES ${values.join(', ')}`);
    }
  }
  await db.insert('counters', [{ name: 'fixes', n: 0 }]);
  return { db, project, set, dialect: harness.name };
}

/** Closes the trial's database and removes its project, bounded, both attempted. */
function disposeTrial(t: Trial): Promise<void> {
  return closeAll([['the test database', () => t.db.dispose()], ['the temp project', () => t.project.cleanup()]]);
}

/** Runs the CLI and, for `--json` runs, parses its document. */
async function cli(t: Trial, args: string[]): Promise<{ r: ProcessResult; doc: Record<string, unknown> | undefined }> {
  const r = await runBin(t.project.dir, args);
  let doc: Record<string, unknown> | undefined;
  if (args.includes('--json')) {
    try { doc = JSON.parse(r.stdout) as Record<string, unknown>; } catch { doc = undefined; }
  }
  return { r, doc };
}

/** `migrate:status --json`, checked against the database; returns the untruths found. */
async function checkStatus(t: Trial, when: string): Promise<string[]> {
  const { r, doc } = await cli(t, ['migrate:status', '--json']);
  if (!doc) return [`${when}: migrate:status --json printed no JSON document (${describeRun(['migrate:status', '--json'], r)})`];
  const entries = doc.entries as StatusEntry[] | undefined;
  if (!Array.isArray(entries)) return [`${when}: migrate:status --json gave no entries: ${describeRun(['migrate:status', '--json'], r)}`];
  return untruths(t.set, entries, await readWorld(t.db)).map((u) => `${when}: ${u}`);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The whole `up` from the seeded state, uninterrupted: checks the set, and times each migration. */
async function calibrate(harness: BackendHarness, windows: Windows): Promise<void> {
  const t = await newTrial(harness);
  return runThenCleanUp(async () => {
    const r = await runBin(t.project.dir, ['migrate:up']);
    assert.equal(r.code, 0, describeRun(['migrate:up'], r));
    windows.observe(r.stdout);
    const w = await readWorld(t.db);
    // the set itself is sound: every probe sees its step once it has run, the fix ran once
    for (const m of t.set) m.steps.forEach((s, i) => assert.ok(s.took(w), `${m.id} step ${i + 1} took effect after a full run`));
    assert.equal(auditCount(w), 1);
    assert.equal(counter(w), 1);
    assert.deepEqual(await checkStatus(t, 'calibration'), []);
    console.log(`  ${harness.name}: applying takes ${t.set.slice(1).map((m) => `${m.id.replace(/^\d+_\d+_/, '')} ${windows.ms(m.id)} ms`).join(', ')}`);
  }, () => disposeTrial(t));
}

/**
 * `Windows` is how long each migration takes to apply, as the CLI prints it ("Applied: <id> (N ms)"):
 * the median of the runs seen so far (the calibration, and every migration a killed run finished),
 * so one slow run on a loaded machine does not send most kills past the end. A kill aims at one
 * migration chosen at random, at a random moment of its window: every migration, the short data
 * fix included, gets its share of kills (uniform over the whole run, the slowest would get most).
 */
class Windows {
  readonly #seen = new Map<string, number[]>();
  observe(stdout: string): void {
    for (const m of stdout.matchAll(/Applied: (\S+) \((\d+) ms\)/g)) {
      const list = this.#seen.get(m[1]!) ?? [];
      list.push(Number(m[2]));
      this.#seen.set(m[1]!, list);
    }
  }
  ms(id: string): number {
    const sorted = [...(this.#seen.get(id) ?? [20])].sort((a, b) => a - b);
    return Math.max(sorted[Math.floor((sorted.length - 1) / 2)]!, 5);
  }
}

/**
 * One trial: kill `up` `delayMs` after it starts applying `target`, then recover as a user would.
 * Returns the problems found (empty when the trial is sound) and updates the figures.
 */
async function trial(harness: BackendHarness, target: string, delayMs: number, windows: Windows, fig: Figures, label: string): Promise<string[]> {
  const problems: string[] = [];
  const t = await newTrial(harness);
  try {
    const run = startBin(t.project.dir, ['migrate:up']);
    await run.printed(`Applying migration: ${target}`);
    await sleep(delayMs);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    windows.observe(killed.stdout);
    fig.trials++;
    if (killed.signal !== 'SIGKILL') {
      fig.finishedBeforeKill++;
      if (killed.code !== 0) problems.push(`the run that was not killed failed: ${describeRun(['migrate:up'], killed)}`);
    }
    if (harness.name === 'dynamodb') await expireDynamoLock(t.db);

    // where the kill landed: the migration that was being applied, if any
    const applying = [...killed.stdout.matchAll(/Applying migration: (\S+)/g)].map((m) => m[1]!);
    const done = new Set([...killed.stdout.matchAll(/Applied: (\S+)/g)].map((m) => m[1]!));
    const landed = killed.signal !== 'SIGKILL' ? 'none (finished)' : applying.find((id) => !done.has(id))?.replace(/^\d+_\d+_/, '') ?? 'after the last migration';
    fig.landed.set(landed, (fig.landed.get(landed) ?? 0) + 1);

    let untruthful = false;
    const seen = (found: string[]) => {
      if (found.length > 0 && !untruthful) { untruthful = true; fig.untruthfulStatus++; }
      problems.push(...found);
    };
    seen(await checkStatus(t, 'after the kill'));

    const up = await cli(t, ['migrate:up', '--json']);
    if (up.r.code === 0) {
      if (killed.signal === 'SIGKILL') fig.recoveredByThemselves++;
    } else {
      fig.neededSettlement++;
      problems.push(...await settle(t, up.r, up.doc, seen));
    }

    seen(await checkStatus(t, 'at the end'));
    const { doc } = await cli(t, ['migrate:status', '--json']);
    const states = ((doc?.entries ?? []) as StatusEntry[]).map((e) => `${e.id}=${e.state}`);
    if (!states.every((s) => s.endsWith('=applied')) || states.length !== t.set.length) problems.push(`not fully migrated at the end: ${states.join(', ')}`);
    const w = await readWorld(t.db);
    const items = new Map(rowsOf(w, 'items').map((r) => [r.id, r]));
    const lost = SEEDED.filter((s) => items.get(s.id)?.name !== s.name);
    const expected = SEEDED.length + (harness.name === 'dynamodb' ? 0 : FILLER);
    if (items.size !== expected) problems.push(`items holds ${items.size} rows, ${expected} were seeded`);
    if (lost.length > 0) { fig.rowsLost += lost.length; problems.push(`seeded rows lost or changed: ${lost.map((r) => r.id).join(', ')}`); }
    if (auditCount(w) > 1 || counter(w) > 1) {
      fig.doubleApplies++;
      problems.push(`the data fix was applied more than once: ${auditCount(w)} audit row(s), counter ${counter(w)}`);
    }
    if (auditCount(w) < 1 || counter(w) < 1) problems.push(`the data fix is missing: ${auditCount(w)} audit row(s), counter ${counter(w)}`);
  } catch (err) {
    problems.push(`trial crashed: ${(err as Error).stack ?? String(err)}`);
  }
  // a failed cleanup is one more problem, never a replacement for the trial's own
  await disposeTrial(t).catch((err: unknown) => { problems.push(`cleaning up failed: ${(err as Error).stack ?? String(err)}`); });
  return problems.map((p) => `${label}: ${p}`);
}

/**
 * `settle` follows what a refused `up` says, as a user would: TM_MIGRATION_INTERRUPTED names
 * `migrate:resolve <id> --steps-applied k|k+1`: the user looks at the database (did step k+1
 * take effect? the probe answers), says so, and runs `migrate:up --resume`. TM_MIGRATION_FAILED
 * names `migrate:up --resume`. Anything else is not a clear settlement.
 */
async function settle(t: Trial, refused: ProcessResult, doc: Record<string, unknown> | undefined, seen: (found: string[]) => void): Promise<string[]> {
  const problems: string[] = [];
  let current = { r: refused, doc };
  for (let round = 0; round < 3; round++) {
    const error = current.doc?.error as { code?: string; message?: string; hint?: string } | undefined;
    if (!error?.code || !/^TM_[A-Z_]+$/.test(error.code) || !error.hint) {
      return [...problems, `up gave no clear settlement: ${describeRun(['migrate:up', '--json'], current.r)}`];
    }
    if (error.code === 'TM_MIGRATION_INTERRUPTED') {
      const named = [...error.hint.matchAll(/migrate:resolve (\S+) --steps-applied (\d+)/g)];
      const id = named[0]?.[1];
      const counts = named.map((m) => Number(m[2])).sort((a, b) => a - b);
      const m = t.set.find((x) => x.id === id);
      // the step that took effect is the last one: the hint names --applied for it instead of k+1
      const lastApplied = counts.length === 1 && m !== undefined && counts[0] === m.steps.length - 1 && error.hint.includes(`migrate:resolve ${id} --applied`);
      if (!m || !(lastApplied || (counts.length === 2 && counts[1] === counts[0]! + 1))) return [...problems, `the hint does not name resolve with k and k+1 (or --applied for the last step): ${error.hint}`];
      const k = counts[0]!;
      const step = m.steps[k];
      if (!step) return [...problems, `${id} has no step ${k + 1}: ${error.message}`];
      const took = step.took(await readWorld(t.db));
      const args = took && lastApplied ? ['migrate:resolve', id!, '--applied'] : ['migrate:resolve', id!, '--steps-applied', String(took ? k + 1 : k)];
      const resolved = await runBin(t.project.dir, args);
      if (resolved.code !== 0) return [...problems, describeRun(args, resolved)];
      seen(await checkStatus(t, `after ${args.join(' ')}`));
    } else if (error.code === 'TM_MIGRATION_FAILED') {
      if (!/migrate:up --resume/.test(error.hint)) return [...problems, `TM_MIGRATION_FAILED without naming up --resume: ${error.hint}`];
    } else {
      return [...problems, `up refused with ${error.code}: ${error.message} (hint: ${error.hint})`];
    }
    current = await cli(t, ['migrate:up', '--resume', '--json']);
    if (current.r.code === 0) return problems;
    seen(await checkStatus(t, `after a refused up --resume (${(current.doc?.error as { code?: string } | undefined)?.code})`));
  }
  return [...problems, `still not settled after 3 rounds: ${describeRun(['migrate:up', '--resume', '--json'], current.r)}`];
}

// ---------------------------------------------------------------------------------------------

const backends = await backendsUnderTest();
const report: string[] = [];
beforeAll(() => { ensureBin(); });
afterAll(() => {
  console.log(`\ncrash-recovery figures (TIDEMARK_SEED=${SEED}):\n${report.join('\n')}\n`);
});

for (const { harness, skip } of backends) {
  if (harness.name === 'mongodb') continue; // no server on this machine (DEVELOPERS.md); the suite needs a live database
  if (ONLY && !ONLY.includes(harness.name)) continue;
  describe(`migrate:up killed with SIGKILL on ${harness.name}`, { skip: Boolean(skip) }, () => {
    test(`${TRIALS} trial(s): status truthful, recoverable, no row lost, nothing applied twice`, { timeout: 60 * 60_000 }, async () => {
      const windows = new Windows();
      await calibrate(harness, windows);
      const rng = mulberry32(SEED ^ [...harness.name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261));
      const targets = migrationSet(harness.name).slice(1).map((m) => m.id); // the first is applied before the kill
      const fig: Figures = { trials: 0, finishedBeforeKill: 0, recoveredByThemselves: 0, neededSettlement: 0, untruthfulStatus: 0, doubleApplies: 0, rowsLost: 0, landed: new Map() };
      const problems: string[] = [];
      for (let i = 0; i < TRIALS; i++) {
        const target = targets[Math.floor(rng() * targets.length)]!;
        // a little past its end too: a kill while the run records the migration or starts the next
        const fraction = rng() * 1.2;
        const delayMs = Math.round(fraction * windows.ms(target));
        const label = `${harness.name} trial ${i + 1} (TIDEMARK_SEED=${SEED}, kill ${delayMs} ms into ${target})`;
        problems.push(...await trial(harness, target, delayMs, windows, fig, label));
      }
      const line = `  ${harness.name}: ${fig.trials} trials (${fig.finishedBeforeKill} finished before the kill), ${fig.recoveredByThemselves} recovered by themselves, `
        + `${fig.neededSettlement} needed settlement, ${fig.untruthfulStatus} untruthful status, ${fig.doubleApplies} double-applies, ${fig.rowsLost} rows lost; `
        + `kills landed in: ${[...fig.landed].map(([k, n]) => `${k} ${n}`).join(', ')}`;
      report.push(line);
      console.log(line);
      assert.equal(sum([fig.untruthfulStatus, fig.doubleApplies, fig.rowsLost]) + problems.length, 0, problems.join('\n'));
    });
  });
}
