// A migration that fails part-way on MySQL, run through the real migrator: DDL commits as it
// goes, so the steps before the failure stay, and the history says exactly that (README: How a run works).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { createMigrator } from '@tidemark/migrator';
import { openLiveDb, skipReason, type LiveDb } from './__fixtures__/live.js';

const skip = await skipReason();
// Migration files live under the repository, so that `@tidemark/core` resolves from them.
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ID = '20250101_000000_three_steps';

function migration(third: string): string {
  return [
    "import { defineMigration } from '@tidemark/core';",
    '',
    'export default defineMigration({',
    `  id: '${ID}',`,
    '  async up(db) {',
    "    await db.createTable({ name: 'authors', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'name', type: 'string', length: 40 }] });",
    "    await db.addColumn('authors', { name: 'bio', type: 'text', nullable: true });",
    `    ${third}`,
    '  },',
    '  async down(db) {',
    "    await db.dropTable('authors');",
    '  },',
    '});',
    '',
  ].join('\n');
}

describe('a migration whose third step fails, on MySQL', { skip: Boolean(skip) }, () => {
  let db: LiveDb;
  let dir: string;
  beforeEach(async () => {
    db = await openLiveDb();
    await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
    dir = await mkdtemp(join(REPO_ROOT, '.tmp', 'mysql-partial-'));
  });
  afterEach(async () => {
    await db.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  async function runUp(third: string): Promise<unknown> {
    await writeFile(join(dir, `${ID}.ts`), migration(third));
    const migrator = createMigrator({ connection: db.conn, directory: dir });
    return migrator.up().then(() => assert.fail('the migration must fail'), (err: unknown) => err);
  }

  it('keeps the first two steps, and records the failure with stepsApplied 2 and the error', async () => {
    const err = await runUp("await db.execute('UPDATE no_such_table SET x = 1');");
    assert.ok(isTidemarkError(err, 'TM_BACKEND_ERROR'), String(err));
    assert.match(err.message, /step 3/);
    assert.match(err.message, /no_such_table/);
    assert.equal(err.details.stepsApplied, 2);
    assert.equal(err.details.transactional, false);

    // the first two steps are in the database, read with plain SQL
    const columns = await db.sql<{ c: string }>("SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'authors' ORDER BY ORDINAL_POSITION");
    assert.deepEqual(columns.map((r) => r.c), ['id', 'name', 'bio']);
    // the history row says failed, 2 steps applied, and why
    const [row, ...rest] = await db.sql<{ id: string; outcome: string; steps_applied: number; error: string }>('SELECT id, outcome, steps_applied, error FROM _tidemark_migrations');
    assert.equal(rest.length, 0);
    assert.equal(row!.id, ID);
    assert.equal(row!.outcome, 'failed');
    assert.equal(row!.steps_applied, 2);
    assert.match(row!.error, /no_such_table/);

    // status reports it; a new `up` refuses, naming the ways out
    const migrator = createMigrator({ connection: db.conn, directory: dir });
    const status = await migrator.status();
    assert.deepEqual(status.entries.map((e) => ({ id: e.id, state: e.state, stepsApplied: e.stepsApplied })), [{ id: ID, state: 'failed', stepsApplied: 2 }]);
    await assert.rejects(migrator.up(), (e) => isTidemarkError(e, 'TM_MIGRATION_FAILED') && /2 of its steps stay applied/.test(e.message) && e.hint.includes('migrate:up --resume'));
  });

  it('a precheck that refuses a later step also leaves the steps before it, recorded the same way', async () => {
    const err = await runUp("await db.alterColumn('authors', 'name', { type: 'string', length: 40, nullable: false, default: 'x' }); await db.execute(\"INSERT INTO authors (name, bio) VALUES ('a', NULL)\"); await db.alterColumn('authors', 'bio', { type: 'text' });");
    assert.ok(isTidemarkError(err, 'TM_PRECHECK_FAILED'), String(err));
    assert.equal(err.details.count, 1);
    const [row] = await db.sql<{ outcome: string; steps_applied: number }>('SELECT outcome, steps_applied FROM _tidemark_migrations');
    assert.deepEqual({ ...row }, { outcome: 'failed', steps_applied: 4 });
    const [bio] = await db.sql<{ n: string }>("SELECT IS_NULLABLE AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'authors' AND COLUMN_NAME = 'bio'");
    assert.equal(bio!.n, 'YES', 'the refused step changed nothing');
  });
});
