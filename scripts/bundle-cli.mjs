#!/usr/bin/env node
// Bundles the `tidemark` command into packages/cli/dist/bundle/: one entry file plus lazily
// loaded chunks (each backend, the rename prompt). Node's ES module loader pays per file, and the
// unbundled CLI loads ~150 of them (yargs alone ~30): bundling is what keeps `migrate:status`'s
// cold start near Node's own. Drivers, TypeScript/ts-morph (via @tidemark/generator) and tsx stay
// external: they load from node_modules only when a command needs them.
//
// The package's "." export (`main`, `connect`, `loadConfig`, …) is a second entry of the same
// bundle, sharing its chunks, so the published CLI needs none of what the bundle contains
// (yargs, prompts, the migrator) as a dependency; what stays external is declared in
// packages/cli/package.json, and test/packaging checks both directions.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}packages/cli/dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { tidemark: `${root}packages/cli/src/bin.ts`, index: `${root}packages/cli/src/index.ts` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  external: [
    'better-sqlite3', 'pg', 'mysql2', 'mongodb', '@aws-sdk/*',
    '@tidemark/generator', '@tidemark/postgres', '@tidemark/mysql', '@tidemark/mongodb', '@tidemark/dynamodb',
    'typescript', 'ts-morph', 'tsx', 'tsx/*',
  ],
  // CommonJS dependencies inside the bundle (picocolors) call require for Node built-ins.
  banner: { js: "import { createRequire as __tidemarkRequire } from 'node:module'; const require = __tidemarkRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
