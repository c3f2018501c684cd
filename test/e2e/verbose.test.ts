// --verbose (README: --verbose): every statement as it is sent, with its duration, on stderr;
// parameter values and passwords never shown.
import assert from 'node:assert/strict';
import { afterEach, test } from 'vitest';
import { postgresHarness } from '../backends/postgres.js';
import type { TestDatabase } from '../backends/harness.js';
import { createProject, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Auto } from '@tidemark/decorators';\n";
const PASSWORD = 'pw-Sekr3t-9f2c';
const skip = await postgresHarness.unreachable();
if (skip) console.error(`\n!!! SKIPPING the PostgreSQL --verbose test: ${skip}\n`);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined); });

async function project(url: string): Promise<TempProject> {
  const p = await createProject(url);
  cleanups.push(() => p.cleanup());
  await p.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; }\n`);
  assert.equal((await p.run(['migrate:generate', '-m', 'create users'])).code, 0);
  return p;
}

test.skipIf(skip !== undefined)('PostgreSQL: statements with durations on stderr, no password, no parameter values, --json intact', async () => {
  const db: TestDatabase = await postgresHarness.create();
  cleanups.push(() => db.dispose());
  // the server trusts local connections, so any password gets in; it must appear nowhere
  const u = new URL(db.url);
  u.password = PASSWORD;
  const p = await project(u.toString());
  const run = await p.run(['migrate:up', '--verbose', '--json']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).ok, true, 'stdout stays one JSON document');
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('[verbose]'));
  assert.ok(lines.length > 5, run.stderr);
  for (const line of lines) assert.match(line, /^\[verbose\] +\d+(\.\d)? ms {2}\S/);
  assert.ok(lines.some((l) => /SET lock_timeout = 5000/.test(l)), 'the session timeouts are sent, and shown');
  assert.ok(lines.some((l) => /CREATE TABLE "users"/.test(l)));
  assert.ok(lines.some((l) => /pg_try_advisory_lock\(\$1::bigint\).*1 parameter\(s\), values not shown/.test(l)));
  // the history row's values (its checksum among them) are parameters: not shown
  const [record] = await db.connection.history.list();
  assert.ok(!run.stderr.includes(record!.checksum), 'parameter values are never printed');
  assert.ok(!run.stderr.includes(PASSWORD) && !run.stdout.includes(PASSWORD), 'the password is never printed');
});

test('SQLite: the same lines; without --verbose, none', async () => {
  const p = await project('sqlite:app.db');
  const quiet = await p.run(['migrate:status']);
  assert.ok(!quiet.stderr.includes('[verbose]'));
  const run = await p.run(['migrate:up', '--verbose']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /\[verbose\] +\d+(\.\d)? ms {2}BEGIN IMMEDIATE/);
  assert.match(run.stderr, /\[verbose\] +\d+(\.\d)? ms {2}CREATE TABLE "users"/);
  assert.match(run.stderr, /INSERT OR REPLACE INTO "_tidemark_migrations" .* -- 9 parameter\(s\), values not shown/);
  assert.doesNotMatch(run.stdout, /\[verbose\]/);
});
