// Environments in tidemark.config.json (README: Environments): a production entry that asks on a
// real terminal (`script` gives the CLI a pseudo-terminal, as in rename-prompt.test.ts), refuses
// without a terminal unless --yes, refuses down, caps rollbacks; the same config in CI with --yes.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'vitest';
import { createProject, REPO_ROOT, type TempProject } from '../support/project.js';

const BIN = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.error('\n!!! SKIPPING the terminal confirmation tests: needs `script` (util-linux) for a pseudo-terminal\n');
const HEADER = "import { Model, Key, Auto } from '@tidemark/decorators';\n";

const CONFIG = {
  models: ['models/**/*.ts'], migrations: 'migrations', url: 'sqlite:dev.db',
  environments: {
    production: { url: 'sqlite:prod.db', confirm: true, allowDown: false, allowFresh: false },
    staging: { url: 'sqlite:staging.db', maxRollbackSteps: 1 },
  },
};

let project: TempProject;
beforeEach(async () => {
  project = await createProject();
  await project.write('tidemark.config.json', JSON.stringify(CONFIG, null, 2));
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; }\n`);
  assert.equal((await project.run(['migrate:generate', '-m', 'create users'])).code, 0);
  await project.write('models/user.ts', `${HEADER}@Model() export class User { @Key() @Auto() id!: number; name!: string; bio?: string | null; }\n`);
  assert.equal((await project.run(['migrate:generate', '-m', 'add bio'])).code, 0);
});
afterEach(async () => { await project.cleanup(); });

/** The state of each migration on the database `args` name. */
async function states(...args: string[]): Promise<string[]> {
  const status = await project.run(['migrate:status', '--json', ...args]);
  assert.equal(status.code, 0, status.stdout);
  return JSON.parse(status.stdout).entries.map((e: { state: string }) => e.state);
}

/** Runs the real binary on a pseudo-terminal, answers the question with `keys`, returns the screen. */
function atTerminal(args: string, keys: string): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], { cwd: project.dir, env: { ...process.env, NO_COLOR: '1' } });
    let screen = '';
    let answered = false;
    const timer = setTimeout(() => { child.kill(); reject(new Error(`no question within 30 s:\n${screen}`)); }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!answered && /Apply 2 migration\(s\) to production/.test(screen)) {
        answered = true;
        child.stdin.write(keys);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen: screen.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').replace(/\r/g, '') });
    });
  });
}

test('on a terminal, production shows the dry run\'s plan and applies on "y"', { skip: !hasScript }, async () => {
  const { code, screen } = await atTerminal('migrate:up --env production', 'y\r');
  assert.equal(code, 0, screen);
  assert.match(screen, /Plan for environment production \(sqlite:.*prod\.db\)/);
  // the plan is what `migrate:up --dry-run` prints
  const dryRun = await project.run(['migrate:up', '--dry-run', '--url', `sqlite:${join(project.dir, 'other.db')}`]);
  for (const line of dryRun.stdout.split('\n').filter((l) => l.startsWith('CREATE TABLE') || l.startsWith('ALTER TABLE'))) assert.ok(screen.includes(line), `plan lacks ${line}`);
  assert.match(screen, /✅ Applied 2 migration\(s\)/);
  assert.deepEqual(await states('--env', 'production'), ['applied', 'applied']);
  assert.ok(!existsSync(join(project.dir, 'dev.db')), 'the default database was not touched');
});

test('on a terminal, Enter (the default, No) applies nothing and exits 3', { skip: !hasScript }, async () => {
  const { code, screen } = await atTerminal('migrate:up --env production', '\r');
  assert.equal(code, 3, screen);
  assert.match(screen, /TM_NOT_CONFIRMED/);
  assert.deepEqual(await states('--env', 'production'), ['pending', 'pending']);
});

test('without a terminal, production refuses unless --yes, naming the flag; TIDEMARK_ENV selects it too', async () => {
  for (const [args, env] of [[['migrate:up', '--env', 'production'], {}], [['migrate:up'], { TIDEMARK_ENV: 'production' }]] as const) {
    const run = await project.run(args, env);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /TM_NOT_CONFIRMED/);
    assert.match(run.stderr, /--yes/);
  }
  const json = await project.run(['migrate:up', '--env', 'production', '--json']);
  assert.equal(json.code, 3);
  assert.equal(JSON.parse(json.stdout).error.code, 'TM_NOT_CONFIRMED');
  assert.deepEqual(await states('--env', 'production'), ['pending', 'pending']);
});

test('the same config in CI: --yes applies to the environment\'s database', async () => {
  const run = await project.run(['migrate:up', '--env', 'production', '--yes'], { CI: 'true' });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(await states('--env', 'production'), ['applied', 'applied']);
  assert.deepEqual(await states(), ['pending', 'pending'], 'dev.db is another database');
});

test('production refuses migrate:down and migrate:fresh (exit 3); a dry run of down is allowed', async () => {
  assert.equal((await project.run(['migrate:up', '--env', 'production', '--yes'])).code, 0);
  const down = await project.run(['migrate:down', '--env', 'production', '--yes']);
  assert.equal(down.code, 3);
  assert.match(down.stderr, /TM_ENV_FORBIDDEN.*does not allow migrate:down/);
  assert.match(down.stderr, /tidemark\.config\.json/);
  const fresh = await project.run(['migrate:fresh', '--env', 'production', '--yes']);
  assert.equal(fresh.code, 3);
  assert.match(fresh.stderr, /TM_ENV_FORBIDDEN.*migrate:fresh/);
  assert.equal((await project.run(['migrate:down', '--env', 'production', '--dry-run'])).code, 0);
  assert.deepEqual(await states('--env', 'production'), ['applied', 'applied']);
});

test('maxRollbackSteps caps one migrate:down', async () => {
  assert.equal((await project.run(['migrate:up', '--env', 'staging'])).code, 0);
  const two = await project.run(['migrate:down', '--env', 'staging', '--steps', '2']);
  assert.equal(two.code, 3);
  assert.match(two.stderr, /at most 1 migration\(s\) per migrate:down/);
  assert.deepEqual(await states('--env', 'staging'), ['applied', 'applied']);
  assert.equal((await project.run(['migrate:down', '--env', 'staging', '--allow-destructive'])).code, 0);
  assert.deepEqual(await states('--env', 'staging'), ['applied', 'pending']);
});

test('URL precedence: --url beats the environment\'s url (its rules still apply), which beats DATABASE_URL', async () => {
  const viaDatabaseUrl = await project.run(['migrate:up', '--env', 'staging'], { DATABASE_URL: 'sqlite:elsewhere.db' });
  assert.equal(viaDatabaseUrl.code, 0, viaDatabaseUrl.stderr);
  assert.deepEqual(await states('--env', 'staging'), ['applied', 'applied']);
  assert.ok(!existsSync(join(project.dir, 'elsewhere.db')));
  // absolute: a relative --url is relative to the process's folder, and this run is in-process
  const explicitUrl = `sqlite:${join(project.dir, 'explicit.db')}`;
  const explicit = await project.run(['migrate:up', '--env', 'production', '--url', explicitUrl]);
  assert.equal(explicit.code, 3, 'production still needs its confirmation');
  const confirmed = await project.run(['migrate:up', '--env', 'production', '--url', explicitUrl, '--yes']);
  assert.equal(confirmed.code, 0, confirmed.stderr);
  assert.deepEqual(await states('--url', explicitUrl), ['applied', 'applied']);
  assert.deepEqual(await states('--env', 'production'), ['pending', 'pending']);
});

test('an unknown environment or a bad key is a config error naming the file (exit 2)', async () => {
  const unknown = await project.run(['migrate:status', '--env', 'prod']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /TM_CONFIG_INVALID: .*tidemark\.config\.json: --env prod: no environment "prod" .*defined: production, staging/);
  const fromVariable = await project.run(['migrate:status'], { TIDEMARK_ENV: 'prod' });
  assert.equal(fromVariable.code, 2);
  assert.match(fromVariable.stderr, /TIDEMARK_ENV=prod/);
  await project.write('tidemark.config.json', JSON.stringify({ ...CONFIG, environments: { production: { url: 'sqlite:prod.db', confirmm: true } } }));
  const badKey = await project.run(['migrate:status', '--env', 'production']);
  assert.equal(badKey.code, 2);
  assert.match(badKey.stderr, /tidemark\.config\.json: environments\.production: unknown key\(s\) confirmm/);
  await project.write('tidemark.config.json', JSON.stringify({ ...CONFIG, environments: { production: { maxRollbackSteps: -1 } } }));
  const badValue = await project.run(['migrate:status']);
  assert.equal(badValue.code, 2);
  assert.match(badValue.stderr, /environments\.production\.maxRollbackSteps must be a whole number/);
});

test('migrate:check --env reads the environment\'s database for drift', async () => {
  assert.equal((await project.run(['migrate:up', '--env', 'staging'])).code, 0);
  const check = await project.run(['migrate:check', '--env', 'staging']);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /staging\.db matches its 2 applied migration\(s\)/);
});
