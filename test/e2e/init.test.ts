// `tidemark init` (README: "In your app", first screen): a config, an example model that generates and
// applies, the migrations folder; the tsconfig is read (comments, trailing commas, extends) and
// never written; an existing config is never overwritten.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, test, vi } from 'vitest';
import { main } from '@tidemark/cli';
import { REPO_ROOT } from '../support/project.js';

async function runIn(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (to: string[]) => new Writable({ write(c, _e, cb) { to.push(String(c)); cb(); } });
  const code = await main(args, { cwd, env: {}, stdout: sink(out), stderr: sink(err), interactive: false });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

let dir: string;
beforeEach(async () => {
  // Under the repository, so the workspace packages resolve as an installed app's would.
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
  dir = await mkdtemp(join(REPO_ROOT, '.tmp', 'init-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('tidemark init', () => {
  test('writes the config, an example model and the migrations folder; generate and up then work', async () => {
    const init = await runIn(dir, ['init']);
    assert.equal(init.code, 0, init.stderr);
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'tidemark.config.json'), 'utf8')), {
      models: ['src/models/**/*.ts'], migrations: 'migrations', url: 'sqlite:dev.db',
    });
    assert.match(await readFile(join(dir, 'src/models/user.ts'), 'utf8'), /@Key\(\) @Auto\(\) id!: number;/);
    assert.deepEqual(await readdir(join(dir, 'migrations')), []);
    assert.match(init.stdout, /Created src\/models\/user\.ts \(an example model\)/);
    assert.match(init.stdout, /npx tidemark migrate:generate -m "create users"/);
    // Inside this repository every package is installed: no install line.
    assert.doesNotMatch(init.stdout, /npm install/);

    const generate = await runIn(dir, ['migrate:generate', '-m', 'create users']);
    assert.equal(generate.code, 0, generate.stderr);
    assert.match(generate.stdout, /\+ table users/);
    const up = await runIn(dir, ['migrate:up']);
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /Applied 1 migration/);
    assert.ok(existsSync(join(dir, 'dev.db')));
  });

  test('reads tsconfig with comments, trailing commas and extends, says what the options mean, and leaves it unchanged', async () => {
    const tsconfig = `{
  // the app's own settings
  "extends": "./tsconfig.base.json",
  "compilerOptions": {
    "emitDecoratorMetadata": true, /* NestJS */
    "outDir": "dist//x",
  },
}
`;
    await writeFile(join(dir, 'tsconfig.json'), tsconfig);
    await writeFile(join(dir, 'tsconfig.base.json'), '{ "compilerOptions": { "experimentalDecorators": true } }\n');
    const init = await runIn(dir, ['init', '--json']);
    assert.equal(init.code, 0, init.stdout);
    const result = JSON.parse(init.stdout) as { ok: boolean; tsconfig: { file: string; experimentalDecorators: boolean; emitDecoratorMetadata: boolean; notes: string[] } };
    assert.equal(result.ok, true);
    assert.equal(result.tsconfig.file, 'tsconfig.json');
    assert.equal(result.tsconfig.experimentalDecorators, true, 'from the extended file');
    assert.equal(result.tsconfig.emitDecoratorMetadata, true);
    assert.ok(result.tsconfig.notes.some((n) => /Relation<T>/.test(n)), result.tsconfig.notes.join('\n'));
    assert.ok(result.tsconfig.notes.some((n) => /readLoadedModels.*can see column types/.test(n)));
    assert.equal(await readFile(join(dir, 'tsconfig.json'), 'utf8'), tsconfig);
  });

  test('without experimentalDecorators: standard decorators, and the options readLoadedModels would need', async () => {
    await writeFile(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true } }');
    const init = await runIn(dir, ['init']);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /tsconfig\.json, left unchanged:/);
    assert.match(init.stdout, /migrate:generate reads the models statically and needs no compiler option/);
    assert.match(init.stdout, /standard decorators/);
    assert.match(init.stdout, /only to read loaded classes with readLoadedModels: add "experimentalDecorators": true and "emitDecoratorMetadata": true/);
    assert.doesNotMatch(init.stdout, /Relation<T>/);
  });

  test('refuses to overwrite an existing config (exit 2, naming it) and writes nothing', async () => {
    await writeFile(join(dir, 'tidemark.config.json'), '{ "models": "app/**/*.ts" }\n');
    const init = await runIn(dir, ['init', '--url', 'sqlite:other.db']);
    assert.equal(init.code, 2);
    assert.match(init.stderr, /TM_USAGE/);
    assert.ok(init.stderr.includes(join(dir, 'tidemark.config.json')), init.stderr);
    assert.equal(await readFile(join(dir, 'tidemark.config.json'), 'utf8'), '{ "models": "app/**/*.ts" }\n');
    assert.deepEqual(await readdir(dir), ['tidemark.config.json']);
  });

  test('--url sets the config url; a backend without sequences gets a Uuid key; an unknown scheme is exit 2 and writes nothing', async () => {
    const init = await runIn(dir, ['init', '--url', 'dynamodb://localhost:8000', '--models', 'app/entities']);
    assert.equal(init.code, 0, init.stderr);
    const config = JSON.parse(await readFile(join(dir, 'tidemark.config.json'), 'utf8')) as { url: string; models: string[] };
    assert.equal(config.url, 'dynamodb://localhost:8000');
    assert.deepEqual(config.models, ['app/entities/**/*.ts']);
    const model = await readFile(join(dir, 'app/entities/user.ts'), 'utf8');
    assert.match(model, /@Key\(\) id!: Uuid;/);
    assert.doesNotMatch(model, /Auto/);
    assert.match(model, /@Unique\(\{ enforced: 'application' \}\)/);
    const check = await runIn(dir, ['migrate:generate', '-m', 'create users', '--dry-run']);
    assert.equal(check.code, 0, check.stderr);

    const other = await mkdtemp(join(REPO_ROOT, '.tmp', 'init-'));
    try {
      const bad = await runIn(other, ['init', '--url', 'oracle://db']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /TM_URL_INVALID/);
      assert.deepEqual(await readdir(other), []);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  test('a password in --url goes to the config but is never printed', async () => {
    const init = await runIn(dir, ['init', '--url', 'postgres://app:s3cret@localhost/app']);
    assert.equal(init.code, 0, init.stderr);
    assert.equal((JSON.parse(await readFile(join(dir, 'tidemark.config.json'), 'utf8')) as { url: string }).url, 'postgres://app:s3cret@localhost/app');
    assert.doesNotMatch(init.stdout + init.stderr, /s3cret/);
    await rm(join(dir, 'tidemark.config.json'));
    const json = await runIn(dir, ['init', '--url', 'postgres://app:s3cret@localhost/app', '--json']);
    assert.equal(json.code, 0, json.stdout);
    assert.doesNotMatch(json.stdout, /s3cret/);
  });

  test('keeps a models folder that already has models; outside a project with the packages, names what to install', async () => {
    const app = await mkdtemp(join(tmpdir(), 'tidemark-app-'));
    try {
      await mkdir(join(app, 'src/models'), { recursive: true });
      await writeFile(join(app, 'src/models/post.ts'), 'export {};\n');
      const init = await runIn(app, ['init', '--url', 'postgres://localhost/app']);
      assert.equal(init.code, 0, init.stderr);
      assert.deepEqual(await readdir(join(app, 'src/models')), ['post.ts']);
      assert.match(init.stdout, /Kept the models already in src\/models\//);
      assert.match(init.stdout, /no tsconfig\.json here/);
      assert.match(init.stdout, /\n {2}npm install @tidemark\/decorators\n {2}npm install -D @tidemark\/cli @tidemark\/generator @tidemark\/postgres pg\n/);
      assert.match(init.stdout, /migrate:generate -m "init"/);
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });

  test('--help shows examples and says the tsconfig is never edited', async () => {
    // yargs prints help with console.log, not to the stream main() is given.
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
    const help = await runIn(dir, ['init', '--help']);
    log.mockRestore();
    assert.equal(help.code, 0);
    const text = printed.join('\n');
    assert.match(text, /tidemark init --url postgres:\/\/localhost:5432\/app/);
    assert.match(text, /Never edits tsconfig\.json/);
    assert.deepEqual(await readdir(dir), []);
  });
});
