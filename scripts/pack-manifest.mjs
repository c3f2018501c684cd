#!/usr/bin/env node
// Every package's `prepack` and `postpack` (npm and pnpm run them in the package's folder, around
// `pack` and `publish`). The repository resolves workspace packages to their TypeScript sources
// through the "source" export condition (scripts/run-tests.mjs, scripts/bundle-cli.mjs, the
// tests that spawn Node); src/ is not shipped, so a published manifest must not name it: a
// consumer whose tools set a "source" condition (bundlers, monorepo setups) would otherwise
// resolve to a file that is not there. `prepack` writes the published manifest in place and
// keeps the repository's one next to it; `postpack` puts the repository's one back.
//
//   node ../../scripts/pack-manifest.mjs prepack|postpack
//
// A pack that died between the two leaves the backup; the next `prepack` restores it first, so
// the published manifest is never derived from an already-stripped one.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const MANIFEST = join(process.cwd(), 'package.json');
const BACKUP = join(process.cwd(), '.package.json.repo');

/** Thrown when the script is called with something it does not do; exit code 2 like a usage error. */
class PackManifestError extends Error {
  constructor(message) {
    super(message);
    this.name = 'PackManifestError';
  }
}

/** Removes the "source" condition from every exports entry, at any depth. */
function stripSource(exportsField) {
  if (exportsField === null || typeof exportsField !== 'object') return exportsField;
  if (Array.isArray(exportsField)) return exportsField.map(stripSource);
  const out = {};
  for (const [key, value] of Object.entries(exportsField)) {
    if (key === 'source') continue;
    out[key] = stripSource(value);
  }
  return out;
}

/** The manifest as published: no "source" condition, no repository-only pack scripts. */
export function publishedManifest(pkg) {
  const out = { ...pkg, exports: stripSource(pkg.exports) };
  const scripts = { ...pkg.scripts };
  delete scripts.prepack;
  delete scripts.postpack;
  if (Object.keys(scripts).length > 0) out.scripts = scripts;
  else delete out.scripts;
  return out;
}

function prepack() {
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST);
  const text = readFileSync(MANIFEST, 'utf8');
  const pkg = JSON.parse(text);
  const published = publishedManifest(pkg);
  const leftover = JSON.stringify(published).includes('./src/');
  if (leftover) throw new PackManifestError(`${pkg.name}: the published manifest still names ./src/`);
  writeFileSync(BACKUP, text);
  writeFileSync(MANIFEST, `${JSON.stringify(published, null, 2)}\n`);
}

function postpack() {
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST);
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const step = process.argv[2];
  try {
    if (step === 'prepack') prepack();
    else if (step === 'postpack') postpack();
    else throw new PackManifestError(`usage: pack-manifest.mjs prepack|postpack (got ${step ?? 'nothing'})`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(err instanceof PackManifestError ? 2 : 1);
  }
}
