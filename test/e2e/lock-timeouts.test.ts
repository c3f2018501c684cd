// A migration that meets a table another session holds locked (README: Timeouts): with a short
// lock timeout it fails fast and is retried, and goes through once the lock is let go; with no
// setting at all it still gives up after the default waits, never blocking for ever. The other
// session is a plain driver client holding the lock in an open transaction, as an application
// with a long transaction would.
import assert from 'node:assert/strict';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterEach, describe, test } from 'vitest';
import { DEFAULT_DB_LOCK_TIMEOUT_MS, DEFAULT_LOCK_RETRIES } from '@tidemark/core';
import { mysqlHarness } from '../backends/mysql.js';
import { postgresHarness } from '../backends/postgres.js';
import type { BackendHarness, TestDatabase } from '../backends/harness.js';
import { createProject, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Auto } from '@tidemark/decorators';\n";

/** A session outside Tidemark that takes a lock on `users` and keeps it until `release`. */
interface LockHolder {
  release(): Promise<void>;
}

const holders: Record<'postgres' | 'mysql', (url: string) => Promise<LockHolder>> = {
  async postgres(url) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    return { release: async () => { await client.query('COMMIT'); await client.end(); } };
  },
  async mysql(url) {
    const u = new URL(url);
    const conn = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1) });
    // a read in an open transaction holds a shared metadata lock on the table until COMMIT: ALTER TABLE waits for it
    await conn.query('START TRANSACTION');
    await conn.query('SELECT * FROM users');
    return { release: async () => { await conn.query('COMMIT'); await conn.end(); } };
  },
};

async function columnsOf(db: TestDatabase): Promise<string[]> {
  const snapshot = await db.connection.introspect();
  return snapshot.tables.find((t) => t.name === 'users')!.columns.map((c) => c.name);
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** A project on `db` with `users` applied and a pending migration that adds a column to it. */
async function projectWithPendingAlter(db: TestDatabase): Promise<TempProject> {
  const project = await createProject(db.url);
  cleanups.push(() => project.cleanup());
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; }\n`);
  assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
  const first = await project.run(['migrate:up']);
  assert.equal(first.code, 0, first.stderr);
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; bio?: string | null; }\n`);
  assert.equal((await project.run(['migrate:generate', '-m', 'add bio'])).code, 0);
  return project;
}

for (const harness of [postgresHarness, mysqlHarness] as BackendHarness[]) {
  const name = harness.name as 'postgres' | 'mysql';
  const skip = await harness.unreachable();
  if (skip) console.error(`\n!!! SKIPPING the ${name} lock timeout tests: ${skip}\n`);

  describe.skipIf(skip !== undefined)(`${name}: a migration behind another session's lock`, () => {
    async function setUp(): Promise<{ db: TestDatabase; project: TempProject; holder: LockHolder }> {
      const db = await harness.create();
      cleanups.push(() => db.dispose());
      const project = await projectWithPendingAlter(db);
      const holder = await holders[name](db.url);
      cleanups.push(() => holder.release());
      return { db, project, holder };
    }

    test('with a short lock timeout it fails fast, retries, and goes through when the lock is released', async () => {
      const { db, project, holder } = await setUp();
      // MySQL counts lock_wait_timeout in whole seconds (1 s at least); PostgreSQL in milliseconds
      const releaseAfterMs = name === 'mysql' ? 3_000 : 1_500;
      const released = new Promise<void>((resolve) => setTimeout(() => { void holder.release().then(resolve); }, releaseAfterMs));
      const run = await project.run(['migrate:up', '--lock-timeout', '300ms', '--lock-retries', '6']);
      await released;
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /TM_DB_LOCK_TIMEOUT|lock timeout/i);
      assert.match(run.stderr, /retry 1 of 6/);
      assert.match(run.stdout, /Applied: \d+_\d+_add_bio/);
      assert.ok((await columnsOf(db)).includes('bio'));
    });

    test('with --lock-retries 0 it gives up at the first lock timeout and applies nothing', async () => {
      const { db, project } = await setUp();
      const started = Date.now();
      const run = await project.run(['migrate:up', '--lock-timeout', '200ms', '--lock-retries', '0', '--json']);
      assert.equal(run.code, 1);
      assert.equal(JSON.parse(run.stdout).error.code, 'TM_DB_LOCK_TIMEOUT');
      assert.ok(Date.now() - started < 30_000, 'a 200 ms lock timeout must not wait for long');
      assert.ok(!(await columnsOf(db)).includes('bio'));
      const status = await project.run(['migrate:status', '--json']);
      // recorded as failed with nothing of it applied: the next `migrate:up` simply runs it again
      assert.deepEqual(JSON.parse(status.stdout).entries.map((e: { state: string; stepsApplied?: number }) => [e.state, e.stepsApplied ?? 0]), [['applied', 0], ['failed', 0]]);
    });

    test('with no setting at all it gives up after the default waits instead of blocking for ever', async () => {
      const { db, project } = await setUp();
      const started = Date.now();
      const run = await project.run(['migrate:up']);
      const waited = Date.now() - started;
      assert.equal(run.code, 1, run.stdout);
      assert.match(run.stderr, /TM_DB_LOCK_TIMEOUT/);
      assert.match(run.stderr, new RegExp(`gave up after ${DEFAULT_LOCK_RETRIES + 1} tries`));
      // the defaults: (retries + 1) lock waits plus the pauses between them; generous, it only proves "not for ever"
      assert.ok(waited < (DEFAULT_LOCK_RETRIES + 1) * DEFAULT_DB_LOCK_TIMEOUT_MS + 30_000, `waited ${waited} ms`);
      assert.ok(!(await columnsOf(db)).includes('bio'));
    });
  });
}
