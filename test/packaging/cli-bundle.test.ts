// What the published manifests promise, checked without installing anything (issue 14): the
// CLI depends on exactly what its shipped files load and on nothing its bundle contains; every
// package's published manifest names no unshipped file; the pack hooks leave the repository's
// manifest as it was. The install itself is test/packaging/packed-install.test.ts.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'vitest';
import { renderMigration } from '@tidemark/generator';
import { emptySnapshot } from '@tidemark/core';
import { publishedManifest } from '../../scripts/pack-manifest.mjs';
import { REPO_ROOT } from '../support/project.js';
import { cleanEnv, mustRun, PACK_MANIFEST_SCRIPT, PACKAGES_DIR } from './pack.js';

interface Manifest {
  name: string;
  exports?: unknown;
  main?: string;
  types?: string;
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

const CLI = join(PACKAGES_DIR, 'cli');
const cliManifest = (): Manifest => JSON.parse(readFileSync(join(CLI, 'package.json'), 'utf8')) as Manifest;
const packageName = (s: string): string => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
const isBuiltin = (s: string): boolean => s.startsWith('node:') || builtinModules.includes(s);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Bare specifiers of static imports, re-exports and literal dynamic imports in built JavaScript. */
function bareImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\n;])\s*(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?["']([^"']+)["']/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  return out.filter((s) => !s.startsWith('.') && !isBuiltin(s));
}

/** The JavaScript files the CLI ships (package.json `files`), built. */
function shippedCliJs(): string[] {
  const bundle = join(CLI, 'dist', 'bundle');
  assert.ok(existsSync(join(bundle, 'tidemark.mjs')), 'run `npm run build` first');
  return [...filesUnder(bundle).filter((f) => f.endsWith('.mjs')), join(CLI, 'dist', 'migration.js'), join(CLI, 'bin', 'tidemark.mjs')];
}

test("the CLI's dependencies and peers are exactly what its shipped files load", () => {
  const pkg = cliManifest();
  const deps = Object.keys(pkg.dependencies ?? {});
  const peers = Object.keys(pkg.peerDependencies ?? {});
  const loaded = new Map<string, string>();
  for (const file of shippedCliJs()) for (const s of bareImports(readFileSync(file, 'utf8'))) loaded.set(packageName(s), relative(CLI, file));
  // The generator is found in the project (cli/src/load-generator.ts), never declared: as an
  // optional peer, npm would keep it, with TypeScript, in a production install.
  loaded.delete('@tidemark/generator');
  for (const [name, file] of loaded) {
    assert.ok(deps.includes(name) || peers.includes(name), `${file} loads ${name}, which @tidemark/cli neither depends on nor declares as a peer`);
  }
  for (const dep of deps) assert.ok(loaded.has(dep), `@tidemark/cli depends on ${dep}, which none of its shipped files loads`);
  assert.ok(loaded.has('tsx'), 'the bundle loads tsx to read .ts migrations; if that changed, revisit the dependency');
});

test('nothing the CLI bundle contains is also installed as a dependency of it', () => {
  const pkg = cliManifest();
  const bundleText = filesUnder(join(CLI, 'dist', 'bundle')).map((f) => readFileSync(f, 'utf8')).join('\n');
  for (const dev of Object.keys(pkg.devDependencies ?? {})) {
    assert.ok(!(dev in (pkg.dependencies ?? {})) && !(dev in (pkg.peerDependencies ?? {})), `${dev} is both bundled and installed`);
  }
  // yargs is inside the bundle (esbuild marks each inlined file with a path comment), not loaded from node_modules.
  assert.match(bundleText, /node_modules\/yargs\//);
  assert.ok(!bareImports(bundleText).some((s) => packageName(s) === 'yargs'));
});

test('a generated migration imports what @tidemark/cli exports for migrations', () => {
  const hash = `sha256:${'0'.repeat(64)}`;
  const { text } = renderMigration({
    id: '20260101_000000_empty', message: 'empty', operations: [], before: emptySnapshot(), header: { from: hash, to: hash },
  });
  const m = /^import \{ defineMigration \} from '([^']+)';$/m.exec(text);
  assert.ok(m, text);
  const [pkgName, subpath] = [packageName(m[1]!), `.${m[1]!.slice(packageName(m[1]!).length)}`];
  assert.equal(pkgName, '@tidemark/cli', 'migrations import the package a project installs itself');
  const exportsField = cliManifest().exports as Record<string, { types: string; default: string }>;
  assert.ok(exportsField[subpath], `@tidemark/cli does not export ${subpath}`);
  // node10 resolution (`module: commonjs`) ignores `exports`: typesVersions must lead there too.
  const typesVersions = (cliManifest().typesVersions as Record<string, Record<string, string[]>>)['*']!;
  assert.deepEqual(typesVersions[subpath.slice(2)], [exportsField[subpath]!.types]);
});

test('every package publishes a LICENSE, a README and the metadata a registry page needs', () => {
  const root = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
  const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
  assert.match(license, /^MIT License/);
  const repositories = new Set<string>();
  for (const folder of readdirSync(PACKAGES_DIR).filter((f) => existsSync(join(PACKAGES_DIR, f, 'package.json')))) {
    const dir = join(PACKAGES_DIR, folder);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest & Record<string, any>;
    assert.equal(readFileSync(join(dir, 'LICENSE'), 'utf8'), license, `${pkg.name}: LICENSE differs from the repository's`);
    assert.equal(pkg.license, 'MIT');
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.match(readme, new RegExp(`^# ${pkg.name.replace('/', '\\/')}\\n`), `${pkg.name}: README title`);
    assert.match(readme, new RegExp(`npm install[^\\n]*${pkg.name.replace('/', '\\/')}`), `${pkg.name}: README install line`);
    assert.match(readme, /\(https:\/\/github\.com\/[^)]+#readme\)/, `${pkg.name}: README links the main README`);
    assert.ok(typeof pkg.description === 'string' && pkg.description.length > 20, `${pkg.name}: description`);
    assert.ok(Array.isArray(pkg.keywords) && pkg.keywords.includes('tidemark'), `${pkg.name}: keywords`);
    assert.equal(pkg.repository?.directory, `packages/${folder}`, `${pkg.name}: repository.directory`);
    repositories.add(String(pkg.repository?.url));
    assert.ok(typeof pkg.homepage === 'string' && pkg.homepage.startsWith('https://'), `${pkg.name}: homepage`);
    assert.equal(pkg.engines?.node, root.engines?.node, `${pkg.name}: engines.node as the repository's`);
    assert.equal(pkg.publishConfig?.access, 'public', `${pkg.name}: publishConfig.access`);
    assert.ok(pkg.main && pkg.types, `${pkg.name}: main and types fallbacks for node10 resolution`);
  }
  assert.equal(repositories.size, 1, `one repository URL for every package: ${[...repositories].join(', ')}`);
});

test('the published manifest has no "source" condition and the pack hooks restore the repository one', async () => {
  const work = await mkdtemp(join(tmpdir(), 'tidemark-manifest-'));
  try {
    const original = await readFile(join(CLI, 'package.json'), 'utf8');
    const published = publishedManifest(JSON.parse(original));
    assert.ok(!JSON.stringify(published).includes('./src/'), JSON.stringify(published.exports));
    assert.equal(published.scripts, undefined);
    assert.deepEqual(Object.keys(published.exports), Object.keys(JSON.parse(original).exports));

    // The hooks themselves, in a copy: prepack rewrites, postpack puts the original back, and a
    // prepack after a pack that died (backup left behind) starts from the original, not the stripped one.
    await cp(join(CLI, 'package.json'), join(work, 'package.json'));
    await mustRun(process.execPath, [PACK_MANIFEST_SCRIPT, 'prepack'], { cwd: work, env: cleanEnv() });
    const stripped = await readFile(join(work, 'package.json'), 'utf8');
    assert.ok(!stripped.includes('"source"'));
    await mustRun(process.execPath, [PACK_MANIFEST_SCRIPT, 'prepack'], { cwd: work, env: cleanEnv() });
    assert.equal(await readFile(join(work, 'package.json'), 'utf8'), stripped);
    await mustRun(process.execPath, [PACK_MANIFEST_SCRIPT, 'postpack'], { cwd: work, env: cleanEnv() });
    assert.equal(await readFile(join(work, 'package.json'), 'utf8'), original);
    assert.ok(!existsSync(join(work, '.package.json.repo')));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test('a package that changes Node on import says so in `sideEffects`', () => {
  // Webpack and other bundlers drop a `sideEffects: false` module whose exports go unused; the
  // generator's TypeScript loader turns on the compile cache (v8-compile-cache patches
  // Module.prototype._compile on Node 20), so that file must be listed, under its built name.
  const patches = /v8-compile-cache|enableCompileCache|Module\.prototype/;
  for (const folder of readdirSync(PACKAGES_DIR).filter((f) => existsSync(join(PACKAGES_DIR, f, 'package.json')))) {
    const dir = join(PACKAGES_DIR, folder);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest & { sideEffects?: boolean | string[] };
    const listed = Array.isArray(pkg.sideEffects) ? pkg.sideEffects.map((f) => join(dir, f)) : [];
    for (const f of listed) assert.ok(existsSync(f), `${pkg.name}: sideEffects names ${relative(dir, f)}, which the build does not produce`);
    const dist = join(dir, 'dist');
    if (!existsSync(dist)) continue;
    for (const file of filesUnder(dist).filter((f) => f.endsWith('.js') && !f.includes(`${join('dist', 'bundle')}`))) {
      if (!patches.test(readFileSync(file, 'utf8'))) continue;
      assert.ok(pkg.sideEffects !== false && (pkg.sideEffects === true || listed.includes(file)),
        `${pkg.name}: ${relative(dir, file)} changes Node when imported but package.json says sideEffects: ${JSON.stringify(pkg.sideEffects)}`);
    }
  }
});
