// The packages as a user gets them (issue 14): every package packed with `npm pack`, the tarballs
// installed into a scratch app under os.tmpdir() — outside the repository, so nothing resolves
// through this workspace — with npm and with pnpm in its strict layout (no hoisting at all, so a
// package sees only what it declares). In each app, for ESM and CommonJS (`module: nodenext` and
// `module: commonjs`, i.e. node10 resolution) and both decorator modes: generate, up, status,
// down and up again on SQLite (and check, under TIDEMARK_STRESS), tsc over models and migrations, a compiled app that
// imports the models. Then a production install (`--omit=dev`): no TypeScript, no ts-morph, and
// `migrate:up` applies the same migrations.
//
// By default: npm × the four variants, pnpm × one (CommonJS, node10 resolution, legacy
// decorators: the combination that strains resolution most), and the production install. With
// TIDEMARK_STRESS=1, pnpm runs all four variants too.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import Database from 'better-sqlite3';
import { REPO_ROOT } from '../support/project.js';
import { cleanEnv, mustRun, packAll, runCommand, type PackedPackage } from './pack.js';
import { appManifest, folderBytes, installedPackageNames, VARIANTS, writeVariant, type PackageManager, type Variant } from './scratch-app.js';

const STRESS = process.env.TIDEMARK_STRESS === '1';
const PNPM = ['-y', 'pnpm@9'];
const MB = 1024 * 1024;

let work: string;
let packed: PackedPackage[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidemark-pack-'));
  packed = await packAll(work);
});
afterAll(async () => {
  if (work && !process.env.TIDEMARK_KEEP_SCRATCH) await rm(work, { recursive: true, force: true });
});

test('every tarball ships its LICENSE and README, names only files it ships, and carries no source maps', async () => {
  const license = await readFile(join(REPO_ROOT, 'LICENSE'), 'utf8');
  for (const p of packed) {
    const dir = join(work, 'extract', p.folder);
    await mkdir(dir, { recursive: true });
    await mustRun('tar', ['-xzf', p.tarball, '-C', dir], { cwd: work });
    const root = join(dir, 'package');
    const files = await listFiles(root);
    assert.equal(await readFile(join(root, 'LICENSE'), 'utf8'), license, `${p.name}: LICENSE`);
    assert.ok(files.includes('README.md'), `${p.name}: README.md`);
    assert.ok(!files.some((f) => f.startsWith('src/')), `${p.name} ships src/`);
    assert.deepEqual(files.filter((f) => f.endsWith('.map')), [], `${p.name}: source maps`);
    for (const f of files.filter((x) => /\.(m?js|d\.ts)$/.test(x))) {
      assert.doesNotMatch(await readFile(join(root, f), 'utf8'), /sourceMappingURL=/, `${p.name}/${f} points at a source map`);
    }
    const text = await readFile(join(root, 'package.json'), 'utf8');
    assert.doesNotMatch(text, /"source"|\.\/src\//, `${p.name}: published manifest names src/`);
    const pkg = JSON.parse(text) as { main: string; types: string; exports: unknown; bin?: Record<string, string>; scripts?: unknown };
    assert.equal(pkg.scripts, undefined, `${p.name}: repository-only pack scripts published`);
    const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin ?? {}), ...leaves(pkg.exports)];
    for (const target of targets) {
      assert.ok(files.includes(target.replace(/^\.\//, '')), `${p.name}: ${target} is named by the manifest but not shipped`);
    }
  }
});

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...await listFiles(join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

/** The packages a developer installs: the CLI, a backend and the decorators; the generator and TypeScript for development. */
const DEV_DEPS = ['@tidemark/cli', '@tidemark/sqlite', '@tidemark/decorators'];
const DEV_DEV_DEPS = ['@tidemark/generator', 'typescript'];

/**
 * --ignore-scripts: npm runs the install script of a linked `file:` dependency, which for
 * better-sqlite3 is `node-gyp rebuild` of the repository's own copy (minutes, and it deletes the
 * built binary first). No Tidemark package has an install script; esbuild (under tsx) finds its
 * binary through its platform package without its postinstall.
 */
async function install(pm: PackageManager, dir: string, extra: readonly string[] = []): Promise<void> {
  if (pm === 'npm') {
    await mustRun('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', ...extra], { cwd: dir, timeoutMs: 240_000 });
  } else {
    // hoist=false: not even pnpm's hidden .pnpm/node_modules, so an undeclared import fails.
    await writeFile(join(dir, '.npmrc'), 'hoist=false\nshamefully-hoist=false\nauto-install-peers=true\n');
    await mustRun('npx', [...PNPM, 'install', '--ignore-scripts', '--prefer-offline', ...extra], { cwd: dir, timeoutMs: 240_000 });
  }
}

/** Tables of a SQLite database, Tidemark's own left out. */
function tables(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_tidemark%' ESCAPE '\\' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}

async function migrationFiles(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'migrations'))).filter((f) => f.endsWith('.ts')).sort();
}

/** One variant in an installed app: the whole developer path. */
async function developerPath(app: string, variant: Variant, pm: PackageManager): Promise<void> {
  const dir = join(app, variant.name);
  await writeVariant(dir, variant, { config: false });
  const bin = join(app, 'node_modules', '.bin');
  const tidemark = (...args: string[]) => runCommand(join(bin, 'tidemark'), args, { cwd: dir });
  const ok = async (...args: string[]) => {
    const r = await tidemark(...args);
    assert.equal(r.code, 0, `${pm} ${variant.name}: tidemark ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r;
  };

  // the first-run path: init writes the config and migrations/ (the models are already there, so no example)
  await ok('init', '--url', 'sqlite:app.db');
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'tidemark.config.json'), 'utf8')).url, 'sqlite:app.db');
  await ok('migrate:generate', '--message', 'create users and posts');
  const [generated, ...more] = await migrationFiles(dir);
  assert.ok(generated && more.length === 0, `${variant.name}: one migration expected, found ${[generated, ...more].join(', ')}`);
  const text = await readFile(join(dir, 'migrations', generated), 'utf8');
  assert.match(text, /^import \{ defineMigration \} from '@tidemark\/cli\/migration';$/m, 'migrations import the package the app installs');

  await ok('migrate:up');
  assert.deepEqual(tables(join(dir, 'app.db')), ['blog_posts', 'users']);
  const status = await ok('migrate:status');
  assert.match(status.stdout, new RegExp(generated.replace('.ts', '')));
  if (STRESS) await ok('migrate:check');
  await ok('migrate:down', '--allow-destructive');
  assert.deepEqual(tables(join(dir, 'app.db')), []);
  await ok('migrate:up');
  assert.deepEqual(tables(join(dir, 'app.db')), ['blog_posts', 'users']);

  if (pm === 'npm') {
    // A migration written before generated files imported @tidemark/cli/migration still loads:
    // npm installs @tidemark/core (a dependency of the CLI) where the app's files resolve it.
    const id = '29990101_000000_written_against_core';
    await writeFile(join(dir, 'migrations', `${id}.ts`), [
      "import { defineMigration } from '@tidemark/core';",
      '',
      `export default defineMigration({`,
      `  id: '${id}',`,
      "  async up(db) { await db.execute('CREATE TABLE legacy_probe (id integer)'); },",
      "  async down(db) { await db.execute('DROP TABLE legacy_probe'); },",
      '});',
      '',
    ].join('\n'));
    await ok('migrate:up');
    assert.deepEqual(tables(join(dir, 'app.db')), ['blog_posts', 'legacy_probe', 'users']);
  }

  // One tsc run type-checks models and migrations (an error fails it, as with --noEmit) and
  // emits the app: a second, --noEmit, run would cost this 2-core machine seconds per variant.
  const tsc = await runCommand(join(bin, 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir });
  assert.equal(tsc.code, 0, `${pm} ${variant.name}: tsc over models and migrations\n${tsc.stdout}${tsc.stderr}`);
  const run = await runCommand(process.execPath, [join('dist', 'src', 'app.js')], { cwd: dir });
  assert.equal(run.code, 0, `${pm} ${variant.name}: the compiled app\n${run.stdout}${run.stderr}`);
  assert.deepEqual(JSON.parse(run.stdout.trim()), { classes: ['User', 'Post'], user: 'Ada', post: 'Hello' });
}

describe('packed packages, installed with npm', { timeout: 600_000 }, () => {
  let app: string;
  beforeAll(async () => {
    app = join(work, 'npm-app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), appManifest('npm', packed, DEV_DEPS, DEV_DEV_DEPS));
    await install('npm', app);
  });
  for (const variant of VARIANTS) {
    test(`${variant.name}: init, generate, up, status, down, up; tsc over models and migrations; the compiled app runs`, async () => {
      await developerPath(app, variant, 'npm');
    });
  }
});

describe('packed packages, installed with pnpm (strict: hoist=false)', { timeout: 600_000 }, () => {
  let app: string;
  beforeAll(async () => {
    const pnpm = await runCommand('npx', [...PNPM, '--version'], { cwd: tmpdir(), env: cleanEnv(), timeoutMs: 180_000 });
    // pnpm comes from the npm registry, which CI reaches; not having it is a failure, not a skip.
    assert.equal(pnpm.code, 0, `pnpm@9 could not be fetched with npx:\n${pnpm.stderr}`);
    app = join(work, 'pnpm-app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), appManifest('pnpm', packed, DEV_DEPS, DEV_DEV_DEPS));
    await install('pnpm', app);
  });
  for (const variant of STRESS ? VARIANTS : VARIANTS.filter((v) => v.name === 'cjs-commonjs-legacy')) {
    test(`${variant.name}: init, generate, up, status, down, up; tsc over models and migrations; the compiled app runs`, async () => {
      await developerPath(app, variant, 'pnpm');
    });
  }
});

describe('a production install (npm install --omit=dev)', { timeout: 600_000 }, () => {
  test('has no TypeScript and no ts-morph, and migrate:up applies the migrations generated in development', async () => {
    const dev = join(work, 'prod-dev');
    const prod = join(work, 'prod');
    await mkdir(dev);
    await mkdir(prod);
    // What a project deploys: the CLI, the migrator and a backend; generator and TypeScript in development.
    const manifest = appManifest('npm', packed, ['@tidemark/cli', '@tidemark/migrator', '@tidemark/sqlite', '@tidemark/decorators'], DEV_DEV_DEPS);
    await writeFile(join(dev, 'package.json'), manifest);
    await install('npm', dev);
    const variant = VARIANTS[0]!;
    await writeVariant(join(dev, 'project'), variant);
    const gen = await runCommand(join(dev, 'node_modules', '.bin', 'tidemark'), ['migrate:generate', '--message', 'create users and posts'], { cwd: join(dev, 'project') });
    assert.equal(gen.code, 0, gen.stderr);

    await writeFile(join(prod, 'package.json'), manifest);
    await cp(join(dev, 'project'), join(prod, 'project'), { recursive: true });
    await install('npm', prod, ['--omit=dev']);
    const installed = await installedPackageNames(join(prod, 'node_modules'));
    for (const heavy of ['typescript', 'ts-morph', '@ts-morph/common', '@tidemark/generator']) {
      assert.ok(!installed.has(heavy), `${heavy} is installed by npm install --omit=dev`);
    }
    const devInstalled = await installedPackageNames(join(dev, 'node_modules'));
    console.log(`install size: development ${(await folderBytes(join(dev, 'node_modules')) / MB).toFixed(1)} MB, ${devInstalled.size} packages; ` +
      `production ${(await folderBytes(join(prod, 'node_modules')) / MB).toFixed(1)} MB, ${installed.size} packages (better-sqlite3 linked, not counted in MB)`);

    const tidemark = join(prod, 'node_modules', '.bin', 'tidemark');
    const up = await runCommand(tidemark, ['migrate:up'], { cwd: join(prod, 'project') });
    assert.equal(up.code, 0, `migrate:up in production\n${up.stdout}\n${up.stderr}`);
    assert.deepEqual(tables(join(prod, 'project', 'app.db')), ['blog_posts', 'users']);
    const status = await runCommand(tidemark, ['migrate:status'], { cwd: join(prod, 'project') });
    assert.equal(status.code, 0, status.stderr);

    // The programmatic entry (`connect`, `loadConfig`, `main`) is the bundle too: it loads
    // without yargs or the migrator installed.
    const api = await runCommand(process.execPath, ['--input-type=module', '-e',
      "const m = await import('@tidemark/cli'); const c = await m.connect('sqlite:app.db'); console.log(Object.keys(m).sort().join(',')); await c.close();"],
    { cwd: join(prod, 'project') });
    assert.equal(api.code, 0, api.stderr);
    assert.match(api.stdout, /connect,.*loadConfig,.*main/);

    // Generating needs the development install, and says so.
    const generate = await runCommand(tidemark, ['migrate:generate', '--message', 'x'], { cwd: join(prod, 'project') });
    assert.notEqual(generate.code, 0);
    assert.match(generate.stderr, /@tidemark\/generator/);
  });
});
