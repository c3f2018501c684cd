// README: How a run works: "One `up` at a time per database: concurrent runs wait on a lock, so each
// migration is applied exactly once." Two real `tidemark migrate:up` processes, started together
// against one SQLite file, with three slow migrations pending.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import Database from 'better-sqlite3';
import { createProject, REPO_ROOT, type TempProject } from '../support/project.js';

const BIN = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');
const ROWS = 20_000;
const IDS = ['20250101_000000_fill_t1', '20250102_000000_fill_t2', '20250103_000000_fill_t3'];

/** A migration that creates a table and fills it row by row, so that it takes a while. */
function slowMigration(id: string, table: string): string {
  return `import { defineMigration } from '@tidemark/core';

export default defineMigration({
  id: '${id}',
  async up(db) {
    await db.createTable({ name: '${table}', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'v', type: 'i32' }] });
    for (let i = 0; i < ${ROWS}; i++) await db.execute(\`INSERT INTO ${table} (v) VALUES (\${i})\`);
  },
  async down(db) {
    await db.dropTable('${table}');
  },
});
`;
}

interface ProcessResult { readonly code: number | null; readonly stdout: string; readonly stderr: string; readonly started: number; readonly ended: number }

function runBin(cwd: string, args: readonly string[]): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.DATABASE_URL;
    delete env.TIDEMARK_LOCK_TIMEOUT_MS;
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, started, ended: Date.now() }));
  });
}

let project: TempProject;
beforeAll(async () => {
  if (!existsSync(BIN)) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    assert.equal(build.status, 0, 'npm run build failed');
  }
  project = await createProject();
});
afterAll(async () => { await project.cleanup(); });

describe('two migrate:up processes at once', () => {
  test('both exit 0 and every migration is applied exactly once', async () => {
    for (const [i, id] of IDS.entries()) await project.write(`migrations/${id}.ts`, slowMigration(id, `t${i + 1}`));

    const [first, second] = await Promise.all([runBin(project.dir, ['migrate:up']), runBin(project.dir, ['migrate:up'])]);
    for (const r of [first, second]) assert.equal(r.code, 0, `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    // the runs overlapped in time (otherwise this test proves nothing about the lock)
    assert.ok(Math.max(first.started, second.started) < Math.min(first.ended, second.ended), 'the two processes did not overlap');

    const appliedBy = (r: ProcessResult) => [...r.stdout.matchAll(/✅ Applied: (\S+)/g)].map((m) => m[1]!);
    const all = [...appliedBy(first), ...appliedBy(second)];
    assert.deepEqual([...all].sort(), IDS, `each migration applied once across both runs:\n${first.stdout}\n---\n${second.stdout}`);
    const counts = [appliedBy(first).length, appliedBy(second).length].sort();
    // SQLite's lock is held for the whole run, so one process applies everything; a backend that
    // locks per migration may split them, but a migration must never be applied twice.
    assert.equal(counts[0]! + counts[1]!, 3);
    for (const r of [first, second]) {
      assert.doesNotMatch(r.stderr, /error|TM_/i, r.stderr);
      if (appliedBy(r).length === 0) assert.match(r.stdout, /Nothing to apply/);
      else assert.match(r.stdout, new RegExp(`Applied ${appliedBy(r).length} migration\\(s\\)`));
    }

    const db = new Database(join(project.dir, 'app.db'), { readonly: true });
    try {
      const history = db.prepare('SELECT id, outcome FROM _tidemark_migrations ORDER BY id').all() as { id: string; outcome: string }[];
      assert.deepEqual(history, IDS.map((id) => ({ id, outcome: 'applied' })));
      for (const t of ['t1', 't2', 't3']) {
        assert.deepEqual(db.prepare(`SELECT count(*) AS n, count(DISTINCT v) AS d FROM ${t}`).get(), { n: ROWS, d: ROWS }, `${t} filled once`);
      }
    } finally {
      db.close();
    }
  });
});
