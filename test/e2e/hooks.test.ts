// Hooks (README: Hooks): shell commands from tidemark.config.json and functions given to
// createMigrator, around the run and each migration, with a JSON payload; a failing before-hook
// stops the run before its migration; onFailure hears the step that failed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'vitest';
import { connect, createMigrator } from '@tidemark/cli';
import type { MigrationHookPayload, RunHookPayload } from '@tidemark/migrator';
import { createProject, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Auto } from '@tidemark/decorators';\n";
const HOOK_NAMES = ['beforeRun', 'afterRun', 'beforeMigration', 'afterMigration', 'onFailure'] as const;

/** Appends what it was given (stdin and the variables) to hooks.log, and prints a line of its own. */
const HOOK_SCRIPT = `import { appendFileSync, readFileSync } from 'node:fs';
const stdin = JSON.parse(readFileSync(0, 'utf8'));
appendFileSync('hooks.log', JSON.stringify({ stdin, variable: JSON.parse(process.env.TIDEMARK_HOOK_PAYLOAD), hook: process.env.TIDEMARK_HOOK, id: process.env.TIDEMARK_MIGRATION_ID ?? null, env: process.env.TIDEMARK_ENV ?? null }) + '\\n');
console.log('hook ' + process.env.TIDEMARK_HOOK + ' says hello');
if (process.env.FAIL_BEFORE && process.env.TIDEMARK_HOOK === 'beforeMigration' && process.env.TIDEMARK_MIGRATION_ID.endsWith(process.env.FAIL_BEFORE)) {
  console.error('refusing ' + process.env.TIDEMARK_MIGRATION_ID);
  process.exit(4);
}
`;

interface Logged {
  readonly hook: string;
  readonly id: string | null;
  readonly env: string | null;
  readonly stdin: MigrationHookPayload | RunHookPayload;
  readonly variable: MigrationHookPayload | RunHookPayload;
}

let project: TempProject;
let ids: string[];
beforeEach(async () => {
  project = await createProject();
  const hook = `"${process.execPath}" hook.mjs`;
  await project.write('tidemark.config.json', JSON.stringify({
    models: ['models/**/*.ts'], migrations: 'migrations', url: 'sqlite:app.db',
    environments: { ci: { url: 'sqlite:ci.db' } },
    hooks: Object.fromEntries(HOOK_NAMES.map((name) => [name, hook])),
  }, null, 2));
  await project.write('hook.mjs', HOOK_SCRIPT);
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; }\n`);
  assert.equal((await project.run(['migrate:generate', '-m', 'create users'])).code, 0);
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; bio?: string | null; }\n`);
  assert.equal((await project.run(['migrate:generate', '-m', 'add bio'])).code, 0);
  ids = (await project.migrations()).map((f) => f.replace(/\.ts$/, ''));
});
afterEach(async () => { await project.cleanup(); });

async function logged(): Promise<Logged[]> {
  return (await project.read('hooks.log').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Logged);
}

test('config hooks run in order around the run and each migration, with the payload on stdin and in TIDEMARK_HOOK_PAYLOAD', async () => {
  const run = await project.run(['migrate:up', '--env', 'ci', '--json']);
  assert.equal(run.code, 0, run.stderr);
  // the hooks' own output goes to stderr: stdout stays one JSON document
  assert.equal(JSON.parse(run.stdout).ok, true);
  assert.match(run.stderr, /hook beforeMigration says hello/);
  const log = await logged();
  assert.deepEqual(log.map((l) => [l.hook, l.id]), [
    ['beforeRun', null],
    ['beforeMigration', ids[0]], ['afterMigration', ids[0]],
    ['beforeMigration', ids[1]], ['afterMigration', ids[1]],
    ['afterRun', null],
  ]);
  for (const l of log) {
    assert.deepEqual(l.stdin, l.variable);
    assert.equal(l.stdin.hook, l.hook);
    assert.equal(l.stdin.environment, 'ci');
    assert.equal(l.env, 'ci');
    assert.equal(l.stdin.direction, 'up');
    assert.match(l.stdin.target, /ci\.db$/);
  }
  const after = log[2]!.stdin as MigrationHookPayload;
  assert.equal(after.outcome, 'applied');
  assert.equal(typeof after.ms, 'number');
  assert.ok(!Number.isNaN(Date.parse(after.startedAt!)));
  const end = log[5]!.stdin as RunHookPayload;
  assert.deepEqual([end.outcome, end.done, end.ids], ['ok', ids, ids]);
});

test('a failing beforeMigration stops the run before that migration: nothing of it applied, exit 1', async () => {
  const run = await project.run(['migrate:up'], { FAIL_BEFORE: 'add_bio' });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /error TM_HOOK_FAILED: beforeMigration hook command `.*hook\.mjs` exited with code 4; .*add_bio was not applied \(nothing of it ran\)/);
  assert.match(run.stderr, /refusing .*add_bio/);
  const status = JSON.parse((await project.run(['migrate:status', '--json'])).stdout);
  assert.deepEqual(status.entries.map((e: { state: string }) => e.state), ['applied', 'pending']);
  const columns = (await (await connect(`sqlite:${join(project.dir, 'app.db')}`)).introspect()).tables.find((t) => t.name === 'users')!.columns.map((c) => c.name);
  assert.deepEqual(columns, ['id', 'name']);
  const log = await logged();
  assert.deepEqual(log.map((l) => l.hook), ['beforeRun', 'beforeMigration', 'afterMigration', 'beforeMigration', 'afterRun']);
  const end = log.at(-1)!.stdin as RunHookPayload;
  assert.deepEqual([end.outcome, end.done, end.error?.code], ['failed', [ids[0]], 'TM_HOOK_FAILED']);
});

test('onFailure receives the migration, the step that failed and the error', async () => {
  const broken = ids[1]!;
  await project.write(`migrations/${broken}.ts`, `import { defineMigration } from '@tidemark/cli/migration';
export default defineMigration({
  id: '${broken}',
  async up(db) {
    await db.execute("UPDATE users SET name = 'x'");
    await db.execute('INSERT INTO no_such_table VALUES (1)');
  },
  async down() {},
});
`);
  const run = await project.run(['migrate:up']);
  assert.equal(run.code, 1);
  const log = await logged();
  assert.deepEqual(log.map((l) => [l.hook, l.id]), [
    ['beforeRun', null], ['beforeMigration', ids[0]], ['afterMigration', ids[0]], ['beforeMigration', broken], ['onFailure', broken], ['afterRun', null],
  ]);
  const failure = log[4]!.stdin as MigrationHookPayload;
  assert.equal(failure.outcome, 'failed');
  assert.equal(failure.error?.step, 2);
  assert.equal(failure.error?.code, 'TM_BACKEND_ERROR');
  assert.match(failure.error!.message, /no_such_table/);
});

test('the programmatic API: hooks given to createMigrator, in order, for up and down', async () => {
  const heard: string[] = [];
  const connection = await connect(`sqlite:${join(project.dir, 'api.db')}`);
  try {
    const note = (p: MigrationHookPayload | RunHookPayload): void => { heard.push(`${p.hook} ${p.direction} ${'id' in p ? p.id : p.ids.length}${p.outcome ? ` ${p.outcome}` : ''}`); };
    const migrator = createMigrator({
      connection, directory: join(project.dir, 'migrations'), environment: 'test',
      hooks: { beforeRun: note, afterRun: note, beforeMigration: note, afterMigration: note, onFailure: note },
    });
    await migrator.up({ to: ids[0] });
    await migrator.down({ allowDestructive: true });
    assert.deepEqual(heard, [
      'beforeRun up 1', `beforeMigration up ${ids[0]}`, `afterMigration up ${ids[0]} applied`, 'afterRun up 1 ok',
      'beforeRun down 1', `beforeMigration down ${ids[0]}`, `afterMigration down ${ids[0]} rolled-back`, 'afterRun down 1 ok',
    ]);
    // a before-hook that throws stops the run: nothing applied
    const refusing = createMigrator({ connection, directory: join(project.dir, 'migrations'), hooks: { beforeMigration: () => { throw new Error('maintenance window closed'); } } });
    await assert.rejects(refusing.up(), (err: Error & { code?: string }) => err.code === 'TM_HOOK_FAILED' && /maintenance window closed/.test(err.message));
    assert.deepEqual((await refusing.status()).entries.map((e) => e.state), ['pending', 'pending']);
  } finally {
    await connection.close();
  }
});
