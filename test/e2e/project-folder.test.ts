// Where a command runs from must not change what it does (issue 14): the config is found in the
// current folder or above it, and a migrations folder that is not there is an error, never
// "nothing to apply" — nor, for migrate:fresh, "drop everything and apply nothing".
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, test } from 'vitest';
import Database from 'better-sqlite3';
import { main } from '@tidemark/cli';
import { createProject, type TempProject } from '../support/project.js';

const MODEL = "import { Model, Key, Auto } from '@tidemark/decorators';\n@Model()\nexport class User {\n  @Key() @Auto() id!: number;\n  name!: string;\n}\n";

async function runIn(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const sink = new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } });
  const code = await main(args, { cwd, env, stdout: sink, stderr: sink, interactive: false });
  return { code, out: chunks.join('') };
}

let project: TempProject;
let elsewhere: string;
beforeEach(async () => {
  project = await createProject();
  await project.write('models/user.ts', MODEL);
  await project.write('src/app/main.ts', 'export {};\n');
  assert.equal((await project.run(['migrate:generate', '-m', 'init'])).code, 0);
  elsewhere = await mkdtemp(join(tmpdir(), 'tidemark-nowhere-'));
});
afterEach(async () => {
  await project.cleanup();
  await rm(elsewhere, { recursive: true, force: true });
});

describe('the folder a command runs from', () => {
  test('from a subfolder, the project config above it is used (and its relative paths)', async () => {
    const up = await runIn(join(project.dir, 'src', 'app'), ['migrate:up']);
    assert.equal(up.code, 0, up.out);
    assert.match(up.out, /Applied 1 migration/);
    assert.ok(existsSync(join(project.dir, 'app.db')), 'the config\'s sqlite:app.db, relative to the config');
    const status = await runIn(join(project.dir, 'src'), ['migrate:status']);
    assert.match(status.out, /1 applied, 0 pending/);
  });

  test('outside any project, up and status name the missing migrations folder (exit 2) instead of "nothing to apply"', async () => {
    const url = `sqlite:${join(elsewhere, 'x.db')}`;
    for (const command of ['migrate:up', 'migrate:status', 'migrate:down']) {
      const r = await runIn(elsewhere, [command, '--url', url]);
      assert.equal(r.code, 2, `${command}: ${r.out}`);
      assert.match(r.out, /TM_CONFIG_INVALID/);
      assert.match(r.out, /migrations folder does not exist/);
      assert.doesNotMatch(r.out, /Nothing to apply/);
    }
  });

  test('migrate:fresh with no migrations to apply refuses before it drops anything', async () => {
    assert.equal((await project.run(['migrate:up'])).code, 0);
    const db = join(project.dir, 'app.db');
    await mkdir(join(elsewhere, 'migrations'));
    const fresh = await runIn(elsewhere, ['migrate:fresh', '--url', `sqlite:${db}`]);
    assert.equal(fresh.code, 2, fresh.out);
    assert.match(fresh.out, /holds no migrations/);
    const check = new Database(db, { readonly: true });
    assert.deepEqual(check.prepare("SELECT name FROM sqlite_master WHERE name = 'users'").all(), [{ name: 'users' }]);
    check.close();
  });

  test('.env next to the config gives DATABASE_URL; the environment beats it, --url beats both', async () => {
    await project.write('.env', `# local settings\nDATABASE_URL="sqlite:${join(project.dir, 'from-dotenv.db')}"\n`);
    const up = await runIn(join(project.dir, 'src'), ['migrate:up']);
    assert.equal(up.code, 0, up.out);
    assert.ok(existsSync(join(project.dir, 'from-dotenv.db')));
    const fromEnv = await runIn(project.dir, ['migrate:up'], { DATABASE_URL: `sqlite:${join(project.dir, 'from-env.db')}` });
    assert.equal(fromEnv.code, 0, fromEnv.out);
    assert.ok(existsSync(join(project.dir, 'from-env.db')));
    const fromFlag = await runIn(project.dir, ['migrate:up', '--url', `sqlite:${join(project.dir, 'from-flag.db')}`], { DATABASE_URL: 'sqlite:/nonexistent/x.db' });
    assert.equal(fromFlag.code, 0, fromFlag.out);
    assert.ok(existsSync(join(project.dir, 'from-flag.db')));
    assert.equal(existsSync(join(project.dir, 'app.db')), false, 'the config url is the last resort');
  });
});
