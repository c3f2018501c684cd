// CLI behaviours of README: CLI and How a run works on SQLite: exit codes, refusals, --json, URL precedence.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { promisify } from 'node:util';
import { isTidemarkError } from '@tidemark/core';
import { createProject, REPO_ROOT, type TempProject } from '../support/project.js';

const HEADER = "import { Model, Key, Auto, Column, Unique } from '@tidemark/decorators';\n";
const USER_V1 = `${HEADER}@Model()\nexport class User {\n  @Key() @Auto() id!: number;\n  name!: string;\n}\n`;
const USER_V2 = `${HEADER}@Model()\nexport class User {\n  @Key() @Auto() id!: number;\n  name!: string;\n  email?: string | null;\n}\n`;

let project: TempProject;
beforeEach(async () => { project = await createProject(); });
afterEach(async () => { await project.cleanup(); });

describe('migrate:generate', () => {
  test('a model Tidemark cannot understand exits 2 naming file and line, and writes nothing', async () => {
    await project.write('models/user.ts', `${HEADER}@Model()\nexport class User {\n  @Key() @Auto() id!: number;\n  tags!: Map<string, number>;\n}\n`);
    const r = await project.run(['migrate:generate', '-m', 'init']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /TM_MODEL_INVALID/);
    assert.match(r.stderr, /models\/user\.ts:5/);
    assert.match(r.stderr, /tags/);
    assert.equal(existsSync(join(project.dir, 'migrations')), false);
  });

  test('--dry-run prints the migration and writes nothing', async () => {
    await project.write('models/user.ts', USER_V1);
    const r = await project.run(['migrate:generate', '-m', 'init', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /await db\.createTable\(/);
    assert.equal(existsSync(join(project.dir, 'migrations')), false);
  });

  test('--empty writes a blank migration and leaves the snapshot alone', async () => {
    await project.write('models/user.ts', USER_V1);
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    const schema = await project.read('migrations/.schema.json');
    const r = await project.run(['migrate:generate', '-m', 'backfill names', '--empty']);
    assert.equal(r.code, 0, r.stderr);
    const files = await project.migrations();
    assert.equal(files.length, 2);
    assert.match(files[1]!, /_backfill_names\.ts$/);
    assert.equal(await project.read('migrations/.schema.json'), schema);
    // a blank migration applies (it does nothing) and the chain has no fork
    assert.equal((await project.run(['migrate:up'])).code, 0);
  });

  test('a removed and an added column without a hint stops with the flags to use', async () => {
    await project.write('models/user.ts', USER_V1);
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    await project.write('models/user.ts', USER_V1.replace('name!: string', 'fullName!: string'));
    const r = await project.run(['migrate:generate', '-m', 'rename']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /TM_RENAME_AMBIGUOUS/);
    assert.match(r.stderr, /--rename users\.name=full_name/);
    assert.match(r.stderr, /--no-rename/);
    assert.equal((await project.migrations()).length, 1);

    const renamed = await project.run(['migrate:generate', '-m', 'rename', '--rename', 'users.name=full_name', '--dry-run']);
    assert.equal(renamed.code, 0, renamed.stderr);
    assert.match(renamed.stdout, /db\.renameColumn\('users', 'name', 'full_name'\)/);

    const dropped = await project.run(['migrate:generate', '-m', 'replace', '--no-rename', '--dry-run']);
    assert.equal(dropped.code, 0, dropped.stderr);
    assert.match(dropped.stdout, /TM_W_DROP_COLUMN/);
    assert.match(dropped.stdout, /db\.dropColumn\('users', 'name'\)/);
  });

  test('a hand edit that makes the migrations disagree with .schema.json is TM_SNAPSHOT_DRIFT', async () => {
    await project.write('models/user.ts', USER_V1);
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    const [file] = await project.migrations();
    const text = await project.read(`migrations/${file}`);
    await project.write(`migrations/${file}`, text.replace("{ name: 'name', type: 'string'", "{ name: 'nickname', type: 'string'"));
    const r = await project.run(['migrate:generate', '-m', 'next']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /TM_SNAPSHOT_DRIFT/);
  });

  test('a corrupt .schema.json is a clear error, never a reset', async () => {
    await project.write('models/user.ts', USER_V1);
    assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
    await project.write('migrations/.schema.json', '{"format":"tidemark.snapshot","version":99,"tables":[]}');
    const r = await project.run(['migrate:generate', '-m', 'next']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /TM_SNAPSHOT_INVALID/);
    assert.match(r.stderr, /newer Tidemark/);
  });
});

describe('migrate:up / status / repair', () => {
  test('an applied migration edited afterwards blocks up (exit 3) until repaired', async () => {
    await project.write('models/user.ts', USER_V1);
    await project.run(['migrate:generate', '-m', 'init']);
    assert.equal((await project.run(['migrate:up'])).code, 0);
    const [file] = await project.migrations();
    // CRLF line endings alone are not a change
    const text = await project.read(`migrations/${file}`);
    await project.write(`migrations/${file}`, text.replace(/\n/g, '\r\n'));
    assert.equal((await project.run(['migrate:up'])).code, 0);
    await project.write(`migrations/${file}`, `${text}// reviewed by ops\n`);
    await project.write('models/user.ts', USER_V2);
    assert.equal((await project.run(['migrate:generate', '-m', 'add email'])).code, 0);
    const up = await project.run(['migrate:up']);
    assert.equal(up.code, 3);
    assert.match(up.stderr, /TM_CHECKSUM_CHANGED/);
    assert.match(up.stderr, /migrate:repair/);
    const status = await project.run(['migrate:status']);
    assert.equal(status.code, 3);
    assert.match(status.stdout, /changed\s+\d{8}_\d{6}_init/);
    assert.match(status.stdout, /pending\s+\d{8}_\d{6}_add_email/);
    assert.equal((await project.run(['migrate:repair', file!.replace(/\.ts$/, '')])).code, 0);
    const again = await project.run(['migrate:up']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Applied: \d{8}_\d{6}_add_email/);
  });

  test('a destructive step without --allow-destructive exits 3 and applies nothing', async () => {
    await project.write('models/user.ts', USER_V2);
    await project.run(['migrate:generate', '-m', 'init']);
    await project.run(['migrate:up']);
    await project.write('models/user.ts', USER_V1.replace('@Key() @Auto() id!: number;', '@Key() @Auto() id!: number;\n  age: number = 0;'));
    assert.equal((await project.run(['migrate:generate', '-m', 'swap email for age', '--no-rename'])).code, 0);
    const r = await project.run(['migrate:up']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /TM_DESTRUCTIVE_REFUSED/);
    assert.match(r.stderr, /TM_W_DROP_COLUMN/);
    const status = await project.run(['migrate:status', '--json']);
    const report = JSON.parse(status.stdout);
    assert.deepStrictEqual(report.entries.map((e: { state: string }) => e.state), ['applied', 'pending']);
    assert.equal((await project.run(['migrate:up', '--allow-destructive'])).code, 0);
  });

  test('two migrations generated on two branches from the same snapshot are reported as a fork', async () => {
    await project.write('models/user.ts', USER_V1);
    await project.run(['migrate:generate', '-m', 'init']);
    const schema = await project.read('migrations/.schema.json');
    await project.write('models/user.ts', USER_V2);
    await project.run(['migrate:generate', '-m', 'branch a']);
    const [, branchA] = await project.migrations();
    const textA = await project.read(`migrations/${branchA}`);
    // branch b: back to the init snapshot, a different edit
    await project.remove(`migrations/${branchA}`);
    await project.write('migrations/.schema.json', schema);
    await project.write('models/user.ts', USER_V1.replace('name!: string;', 'name!: string;\n  age?: number;'));
    await project.run(['migrate:generate', '-m', 'branch b']);
    await project.write(`migrations/${branchA}`, textA); // the merge brings branch a back
    const status = await project.run(['migrate:status']);
    assert.equal(status.code, 3);
    assert.match(status.stdout, /TM_MIGRATION_FORK/);
    assert.match(status.stdout, /branch_a/);
    assert.match(status.stdout, /branch_b/);
    const up = await project.run(['migrate:up']);
    assert.equal(up.code, 3);
    assert.match(up.stderr, /TM_MIGRATION_FORK/);
  });

  test('--url beats DATABASE_URL, which beats the config file', async () => {
    await project.write('models/user.ts', USER_V1);
    await project.run(['migrate:generate', '-m', 'init']);
    assert.equal((await project.run(['migrate:up'], { DATABASE_URL: `sqlite:${join(project.dir, 'env.db')}` })).code, 0);
    assert.equal((await project.run(['migrate:up', '--url', `sqlite:${join(project.dir, 'flag.db')}`], { DATABASE_URL: 'sqlite:nope.db' })).code, 0);
    const files = await readdir(project.dir);
    assert.ok(files.includes('env.db'));
    assert.ok(files.includes('flag.db'));
    assert.ok(!files.includes('nope.db'));
    assert.ok(!files.includes('app.db'));
    const status = await project.run(['migrate:status', '--json']);
    assert.equal(JSON.parse(status.stdout).entries[0].state, 'pending');
  });

  test('up --dry-run prints SQL and applies nothing; --json output parses', async () => {
    await project.write('models/user.ts', USER_V1);
    await project.run(['migrate:generate', '-m', 'init']);
    const dry = await project.run(['migrate:up', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /CREATE TABLE "users"/);
    const up = await project.run(['migrate:up', '--json']);
    assert.equal(up.code, 0);
    const result = JSON.parse(up.stdout);
    assert.equal(result.ok, true);
    assert.equal(result.ids.length, 1);
    const bad = await project.run(['migrate:up', '--url', 'oracle://x', '--json']);
    assert.equal(bad.code, 2);
    assert.equal(JSON.parse(bad.stdout).error.code, 'TM_URL_INVALID');
  });
});

describe('the installed binary', () => {
  const run = promisify(execFile);
  const bin = join(REPO_ROOT, 'packages/cli/bin/tidemark.mjs');
  test('--help exits 0 and lists the commands; an unknown flag exits 2', async () => {
    const help = await run(process.execPath, [bin, '--help']);
    for (const c of ['migrate:generate', 'migrate:up', 'migrate:down', 'migrate:status', 'migrate:repair']) assert.match(help.stdout, new RegExp(c));
    await assert.rejects(run(process.execPath, [bin, 'migrate:up', '--bogus'], { cwd: project.dir }), (err: { code: number; stderr: string }) => {
      assert.equal(err.code, 2);
      assert.match(err.stderr, /TM_USAGE/);
      return true;
    });
  });
});

describe('output', () => {
  test('colours follow the stream: none into a pipe even with CI set; NO_COLOR and FORCE_COLOR win', async () => {
    await project.write('models/user.ts', USER_V1);
    await project.run(['migrate:generate', '-m', 'init']);
    const plain = await project.run(['migrate:status'], { CI: 'true' });
    assert.doesNotMatch(plain.stdout, /\x1b\[/);
    const forced = await project.run(['migrate:status'], { FORCE_COLOR: '1' });
    assert.match(forced.stdout, /\x1b\[/);
    const denied = await project.run(['migrate:status'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    assert.doesNotMatch(denied.stdout, /\x1b\[/);
  });
});

describe('migrate:check / migrate:fresh', () => {
  test('check exits 3 when the models were edited without generating, 0 when they match', async () => {
    await project.write('models/user.ts', USER_V1);
    await project.run(['migrate:generate', '-m', 'init']);
    const ok = await project.run(['migrate:check']);
    assert.equal(ok.code, 0, ok.stderr);
    await project.write('models/user.ts', USER_V2);
    const r = await project.run(['migrate:check']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /TM_NOT_GENERATED/);
    assert.match(r.stderr, /\+ column users\.email/);
  });

  test('check --url exits 3 when the live database drifted from its applied migrations', async () => {
    await project.write('models/user.ts', USER_V1);
    await project.run(['migrate:generate', '-m', 'init']);
    const url = `sqlite:${join(project.dir, 'app.db')}`;
    assert.equal((await project.run(['migrate:up'])).code, 0);
    assert.equal((await project.run(['migrate:check', '--url', url])).code, 0);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(project.dir, 'app.db'));
    db.exec('ALTER TABLE users ADD COLUMN sneaky TEXT');
    db.close();
    const r = await project.run(['migrate:check', '--url', url]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /TM_DRIFT/);
    assert.match(r.stderr, /sneaky/);
  });

  test('fresh drops every table Tidemark manages and applies every migration again', async () => {
    await project.write('models/user.ts', USER_V1);
    await project.run(['migrate:generate', '-m', 'init']);
    assert.equal((await project.run(['migrate:up'])).code, 0);
    const { default: Database } = await import('better-sqlite3');
    let db = new Database(join(project.dir, 'app.db'));
    db.exec("INSERT INTO users (name) VALUES ('gone')");
    db.close();
    const r = await project.run(['migrate:fresh']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /✅ Applied 1 migration\(s\)/);
    db = new Database(join(project.dir, 'app.db'));
    assert.deepStrictEqual(db.prepare('SELECT count(*) AS n FROM users').get(), { n: 0 });
    assert.deepStrictEqual(db.prepare('SELECT count(*) AS n FROM _tidemark_migrations').get(), { n: 1 });
    db.close();
  });
});

describe('bad input', () => {
  test('a broken or unknown config is exit 2 naming the file and what is wrong', async () => {
    await project.write('tidemark.config.json', '{ "models": ["models/**/*.ts"], ');
    const broken = await project.run(['migrate:status']);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /TM_CONFIG_INVALID.*tidemark\.config\.json.*not valid JSON/s);
    await project.write('tidemark.config.json', JSON.stringify({ models: ['models/*.ts'], migration: 'db' }));
    const typo = await project.run(['migrate:generate', '-m', 'x']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown key\(s\) migration/);
  });
});

describe('backends that are not installed', () => {
  test('a backend package that is not installed is exit 2 with the install command', async () => {
    const { importBackend } = await import('../../packages/cli/src/load-backend.js');
    const missing = { pkg: '@tidemark/oracle', load: () => import('@tidemark/oracle' as string) as never };
    await assert.rejects(importBackend('oracle', missing), (err: unknown) =>
      isTidemarkError(err, 'TM_BACKEND_MISSING') && /npm install @tidemark\/oracle/.test(`${err.message} ${err.hint}`));
  });

  test('a database that cannot be reached is exit 1, and the password in its URL is never printed', async () => {
    const r = await project.run(['migrate:status', '--url', 'postgres://app:s3cret-pw@127.0.0.1:1/shop']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /127\.0\.0\.1:1/);
    assert.doesNotMatch(r.stderr + r.stdout, /s3cret-pw/);
  });
});
