// README: CLI and How a run works through the CLI: a failing migration exits 1 with a TM_* code and leaves
// no trace; `migrate:status` exits 1 and shows it as failed; `--json` errors have the shape
// { ok: false, error: { code, message, hint } }; bad migration files exit 2, refusals exit 3.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, test } from 'vitest';
import Database from 'better-sqlite3';
import { Output } from '../../packages/cli/src/output.js';
import { createProject, type TempProject } from '../support/project.js';

const A = '20250101_000000_create_items';
const B = '20250102_000000_create_tags';

const ITEMS = "await db.createTable({ name: 'items', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'name', type: 'string', nullable: true }] });";
const TAGS = "await db.createTable({ name: 'tags', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }] });";

function migration(id: string, up: string, down: string): string {
  return `import { defineMigration } from '@tidemark/core';\n\nexport default defineMigration({\n  id: '${id}',\n  async up(db) {\n    ${up.split('\n').join('\n    ')}\n  },\n  async down(db) {\n    ${down}\n  },\n});\n`;
}

let project: TempProject;
beforeEach(async () => { project = await createProject(); });
afterEach(async () => { await project.cleanup(); });

/** Reads the SQLite file directly, not through Tidemark. */
function inspect<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(project.dir, 'app.db'), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const tables = () => inspect((db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_tidemark%' ORDER BY name").all() as { name: string }[]).map((r) => r.name));
const history = () => inspect((db) => db.prepare('SELECT id, outcome, steps_applied AS steps FROM _tidemark_migrations ORDER BY id').all());

/** Parses a --json error document and checks its shape. */
function jsonError(stdout: string): { code: string; message: string; hint: string } {
  const doc = JSON.parse(stdout) as { ok: unknown; error: { code: unknown; message: unknown; hint: unknown } };
  assert.equal(doc.ok, false);
  assert.equal(typeof doc.error, 'object');
  for (const key of ['code', 'message', 'hint'] as const) assert.equal(typeof doc.error[key], 'string', `error.${key} is a string: ${stdout}`);
  assert.match(doc.error.code as string, /^TM_[A-Z_]+$/);
  assert.ok((doc.error.hint as string).length > 0);
  return doc.error as { code: string; message: string; hint: string };
}

describe('a migration that fails on the database', () => {
  test('exits 1 with a TM_* code naming the migration and step, keeps the earlier one, and status exits 1 showing failed', async () => {
    await project.write(`migrations/${A}.ts`, migration(A, ITEMS, "await db.dropTable('items');"));
    await project.write(`migrations/${B}.ts`, migration(B, `${TAGS}\nawait db.execute('SELECT * FROM missing_table');`, "await db.dropTable('tags');"));

    const up = await project.run(['migrate:up']);
    assert.equal(up.code, 1, up.stderr);
    assert.match(up.stderr, /error TM_[A-Z_]+/);
    assert.match(up.stderr, new RegExp(`${B}.*step 2`));
    assert.match(up.stderr, /missing_table/);
    assert.match(up.stderr, /hint:/);
    assert.match(up.stdout, new RegExp(`Applied: ${A}`));
    assert.doesNotMatch(up.stdout, new RegExp(`Applied: ${B}`));
    assert.deepEqual(tables(), ['items']);
    assert.deepEqual(history(), [{ id: A, outcome: 'applied', steps: null }, { id: B, outcome: 'failed', steps: 0 }]);

    const status = await project.run(['migrate:status']);
    assert.equal(status.code, 1, status.stdout + status.stderr);
    assert.match(status.stdout, new RegExp(`applied\\s+${A}`));
    assert.match(status.stdout, new RegExp(`failed\\s+${B}`));
    assert.match(status.stdout, /missing_table/);

    const json = await project.run(['migrate:status', '--json']);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as { entries: { id: string; state: string; stepsApplied?: number }[] };
    assert.deepEqual(report.entries.map((e) => [e.id, e.state]), [[A, 'applied'], [B, 'failed']]);
    assert.equal(report.entries[1]!.stepsApplied, 0);

    // fixed, it applies and status is clean again
    await project.write(`migrations/${B}.ts`, migration(B, TAGS, "await db.dropTable('tags');"));
    const again = await project.run(['migrate:up']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`Applied: ${B}`));
    assert.match(again.stdout, /Applied 1 migration\(s\)/);
    assert.deepEqual(tables(), ['items', 'tags']);
    const clean = await project.run(['migrate:status']);
    assert.equal(clean.code, 0, clean.stdout);
    assert.doesNotMatch(clean.stdout, /failed/);
  });

  test('--json: { ok: false, error: { code, message, hint } } on stdout, exit 1', async () => {
    await project.write(`migrations/${A}.ts`, migration(A, `${ITEMS}\nawait db.execute('SELECT * FROM missing_table');`, "await db.dropTable('items');"));
    const up = await project.run(['migrate:up', '--json']);
    assert.equal(up.code, 1);
    const error = jsonError(up.stdout);
    assert.match(error.message, new RegExp(A));
    assert.match(error.message, /missing_table/);
    assert.equal(up.stderr, '', 'nothing but the JSON document is printed');
  });

  test('a migration that throws a plain Error while it runs is TM_MIGRATION_FAILED, exit 1, and leaves nothing', async () => {
    // db.execute returns rows when the migration runs, undefined while it is only being recorded
    const up = `${ITEMS}\nconst rows = (await db.execute('SELECT count(*) AS n FROM items')) as { n: number }[] | undefined;\nif (rows && rows[0]!.n === 0) throw new Error('data looks wrong');`;
    await project.write(`migrations/${A}.ts`, migration(A, up, "await db.dropTable('items');"));
    const r = await project.run(['migrate:up', '--json']);
    assert.equal(r.code, 1);
    const error = jsonError(r.stdout);
    assert.equal(error.code, 'TM_MIGRATION_FAILED');
    assert.match(error.message, new RegExp(`${A}.*step 3`));
    assert.match(error.message, /data looks wrong/);
    assert.deepEqual(tables(), []);
    assert.deepEqual(history(), [{ id: A, outcome: 'failed', steps: 0 }]);
  });

  test('a migration whose up throws while it is being checked names the file (not an internal error)', async () => {
    await project.write(`migrations/${A}.ts`, migration(A, ITEMS, "await db.dropTable('items');"));
    // (a loop over db.execute's rows is fine: the recording ends where a data step's result is used,
    // test/e2e/data-migrations.test.ts; an up that throws on its own is what is checked here)
    const up = "await db.addColumn('items', { name: 'note', type: 'text', nullable: true });\nthrow new Error('cannot plan this');";
    await project.write(`migrations/${B}.ts`, migration(B, up, ''));
    const r = await project.run(['migrate:up']);
    assert.notEqual(r.code, 0);
    assert.doesNotMatch(r.stderr, /TM_INTERNAL|bug in Tidemark/, r.stderr);
    assert.match(r.stderr, /error TM_[A-Z_]+/);
    assert.match(r.stderr, new RegExp(`${B}\\.ts`));
    assert.deepEqual(tables(), [], 'nothing ran, not even the earlier migration');
    const json = await project.run(['migrate:up', '--json']);
    assert.equal(jsonError(json.stdout).code, 'TM_MIGRATION_INVALID');
    assert.equal(json.code, 2);
  });

  test('a down that throws while it is being checked names the migration', async () => {
    await project.write(`migrations/${A}.ts`, migration(A, ITEMS, "throw new Error('no way back');"));
    assert.equal((await project.run(['migrate:up'])).code, 0);
    const r = await project.run(['migrate:down', '--json', '--allow-destructive']);
    const error = jsonError(r.stdout);
    assert.notEqual(error.code, 'TM_INTERNAL');
    assert.match(error.message, new RegExp(A));
    assert.match(error.message, /no way back/);
    assert.deepEqual(tables(), ['items']);
  });
});

describe('bad migration files and refusals', () => {
  test('a syntax error exits 2 with TM_MIGRATION_INVALID naming the file, and applies nothing', async () => {
    await project.write(`migrations/${A}.ts`, migration(A, ITEMS, "await db.dropTable('items');"));
    await project.write(`migrations/${B}.ts`, migration(B, 'await db.execute(', "await db.dropTable('tags');"));
    const up = await project.run(['migrate:up']);
    assert.equal(up.code, 2, up.stderr);
    assert.match(up.stderr, /TM_MIGRATION_INVALID/);
    assert.match(up.stderr, new RegExp(`${B}\\.ts`));
    const json = await project.run(['migrate:up', '--json']);
    assert.equal(json.code, 2);
    assert.equal(jsonError(json.stdout).code, 'TM_MIGRATION_INVALID');
    assert.deepEqual(tables(), []);
  });

  test('a file in the migrations folder not named like a migration exits 2 naming it', async () => {
    await project.write('migrations/helpers.ts', 'export const x = 1;\n');
    const up = await project.run(['migrate:up', '--json']);
    assert.equal(up.code, 2);
    const error = jsonError(up.stdout);
    assert.equal(error.code, 'TM_MIGRATION_INVALID');
    assert.match(error.message, /helpers\.ts/);
  });

  test('an applied migration edited afterwards: --json error TM_CHECKSUM_CHANGED, exit 3', async () => {
    await project.write(`migrations/${A}.ts`, migration(A, ITEMS, "await db.dropTable('items');"));
    assert.equal((await project.run(['migrate:up'])).code, 0);
    await project.write(`migrations/${A}.ts`, `${migration(A, ITEMS, "await db.dropTable('items');")}// edited\n`);
    const up = await project.run(['migrate:up', '--json']);
    assert.equal(up.code, 3);
    const error = jsonError(up.stdout);
    assert.equal(error.code, 'TM_CHECKSUM_CHANGED');
    assert.match(error.hint, /migrate:repair/);
  });

  test('an applied migration whose file is gone: up exits 3 with TM_FILE_MISSING, status exits 3', async () => {
    await project.write(`migrations/${A}.ts`, migration(A, ITEMS, "await db.dropTable('items');"));
    await project.write(`migrations/${B}.ts`, migration(B, TAGS, "await db.dropTable('tags');"));
    assert.equal((await project.run(['migrate:up'])).code, 0);
    await project.remove(`migrations/${A}.ts`);
    const up = await project.run(['migrate:up', '--json']);
    assert.equal(up.code, 3);
    assert.equal(jsonError(up.stdout).code, 'TM_FILE_MISSING');
    const status = await project.run(['migrate:status']);
    assert.equal(status.code, 3);
    assert.match(status.stdout, new RegExp(`missing\\s+${A}`));
  });

  test('a destructive down without --allow-destructive: --json error, exit 3, nothing rolled back', async () => {
    await project.write(`migrations/${A}.ts`, migration(A, ITEMS, "await db.dropTable('items');"));
    assert.equal((await project.run(['migrate:up'])).code, 0);
    const down = await project.run(['migrate:down', '--json']);
    assert.equal(down.code, 3);
    const error = jsonError(down.stdout);
    assert.equal(error.code, 'TM_DESTRUCTIVE_REFUSED');
    assert.match(error.message, /TM_W_DROP_TABLE/);
    assert.deepEqual(tables(), ['items']);
    const allowed = await project.run(['migrate:down', '--allow-destructive']);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.deepEqual(tables(), []);
    assert.deepEqual(history(), []);
  });

  test('a migrations path that is a file exits 2 naming it', async () => {
    await project.write('tidemark.config.json', JSON.stringify({ models: ['models/**/*.ts'], migrations: 'notes.txt', url: 'sqlite:app.db' }));
    await project.write('notes.txt', 'not a folder\n');
    const r = await project.run(['migrate:up', '--json']);
    assert.equal(r.code, 2, r.stdout);
    const error = jsonError(r.stdout);
    assert.notEqual(error.code, 'TM_INTERNAL');
    assert.match(error.message, /notes\.txt/);
  });

  test('an unexpected error still has the JSON error shape, hint included', () => {
    const chunks: string[] = [];
    const out = new Writable({ write(chunk, _enc, cb) { chunks.push(String(chunk)); cb(); } });
    const output = new Output(true, out, out, false);
    output.error(new Error('something odd'));
    output.flush();
    const error = jsonError(chunks.join(''));
    assert.equal(error.code, 'TM_INTERNAL');
    assert.equal(error.message, 'something odd');
  });

  test('bad flags are TM_USAGE with the JSON shape, exit 2', async () => {
    const r = await project.run(['migrate:down', '--steps', '0', '--json']);
    assert.equal(r.code, 2);
    assert.equal(jsonError(r.stdout).code, 'TM_USAGE');
  });
});
