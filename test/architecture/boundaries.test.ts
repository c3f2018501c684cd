// Import boundaries of docs/architecture.md: Packages: core depends on nothing; each package imports only
// what its package.json declares; nothing on the migrator's or a backend's path reaches
// TypeScript or ts-morph; and the bundled CLI's start-up files load no driver, no TypeScript and
// no tsx (they come in through dynamic imports, only for the commands that need them).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { test } from 'vitest';
import { REPO_ROOT } from '../support/project.js';

const PACKAGES = join(REPO_ROOT, 'packages');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__fixtures__' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Bare specifiers a file imports: static (`from '…'`), dynamic (`import('…')`) and `require('…')`. */
function importsOf(text: string): { specifier: string; dynamic: boolean }[] {
  const out: { specifier: string; dynamic: boolean }[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) out.push({ specifier: m[1]!, dynamic: false });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ specifier: m[1]!, dynamic: true });
  for (const m of text.matchAll(/\)\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ specifier: (m[1] ?? m[2])!, dynamic: true });
  return out.filter((i) => !i.specifier.startsWith('.'));
}

const packageName = (specifier: string): string =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtinModules.includes(specifier);

const packages = readdirSync(PACKAGES).filter((p) => existsSync(join(PACKAGES, p, 'package.json')));

test('core has no dependencies and no node: imports', () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGES, 'core', 'package.json'), 'utf8'));
  assert.deepStrictEqual(pkg.dependencies ?? {}, {});
  for (const file of sourceFiles(join(PACKAGES, 'core', 'src'))) {
    const imports = importsOf(readFileSync(file, 'utf8'));
    assert.deepStrictEqual(imports, [], `${file} imports ${imports.map((i) => i.specifier).join(', ')}`);
  }
});

test('every package imports only what its package.json declares', () => {
  for (const name of packages) {
    const pkg = JSON.parse(readFileSync(join(PACKAGES, name, 'package.json'), 'utf8'));
    // The CLI ships a bundle (scripts/bundle-cli.mjs): what the bundle contains is a
    // devDependency, needed to build it; what it leaves external must be a dependency or peer,
    // which test/packaging/cli-bundle.test.ts checks against the built bundle itself.
    const bundled = name === 'cli' ? Object.keys(pkg.devDependencies ?? {}) : [];
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), ...bundled, pkg.name]);
    for (const file of sourceFiles(join(PACKAGES, name, 'src'))) {
      for (const { specifier } of importsOf(readFileSync(file, 'utf8'))) {
        if (isBuiltin(specifier)) continue;
        assert.ok(declared.has(packageName(specifier)), `${file} imports ${specifier}, which ${pkg.name} does not declare`);
      }
    }
  }
});

test('nothing the migrator or a backend imports reaches TypeScript or ts-morph', () => {
  const heavy = /^(typescript|ts-morph|@ts-morph\/)/;
  const deps = (name: string): string[] => {
    const pkg = JSON.parse(readFileSync(join(PACKAGES, name, 'package.json'), 'utf8'));
    return Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  };
  for (const root of ['migrator', 'sql', 'sqlite', 'postgres', 'mysql', 'mongodb', 'dynamodb', 'core']) {
    const seen = new Set<string>();
    const walk = (name: string): void => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const d of deps(name)) {
        assert.doesNotMatch(d, heavy, `@tidemark/${root} reaches ${d} through @tidemark/${name}`);
        if (d.startsWith('@tidemark/')) walk(d.slice('@tidemark/'.length));
      }
    };
    walk(root);
  }
});

test("the bundled CLI's start-up files statically import no driver, TypeScript, ts-morph, tsx or generator", () => {
  const bundle = join(PACKAGES, 'cli', 'dist', 'bundle');
  assert.ok(existsSync(join(bundle, 'tidemark.mjs')), 'run `npm run build` first');
  const forbidden = /^(better-sqlite3|pg|mysql2|mongodb|@aws-sdk\/|typescript|ts-morph|tsx|@tidemark\/generator)/;
  const visited = new Set<string>();
  const visit = (file: string): void => {
    if (visited.has(file)) return;
    visited.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)import\s*(?:[^'"]*?from\s*)?['"]([^'"]+)['"]/g)) {
      const spec = m[1]!;
      if (spec.startsWith('./')) visit(join(file, '..', spec));
      else assert.doesNotMatch(spec, forbidden, `${file} imports ${spec} at start-up`);
    }
  };
  visit(join(bundle, 'tidemark.mjs'));
  assert.ok(visited.size >= 1);
});
