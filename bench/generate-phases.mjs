#!/usr/bin/env node
// Where a `migrate:generate` spends its time, phase by phase, in one fresh process on N generated
// models (default 1,000): module loading, finding files, parsing, walking the syntax trees,
// building the snapshot, replaying the existing migrations, diffing and rendering. The cache is
// off (TIDEMARK_NO_CACHE=1): this is the cold path the cache avoids. Usage: node bench/generate-phases.mjs [N]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeModels } from './make-models.mjs';

process.env.TIDEMARK_NO_CACHE = '1';
const n = Number(process.argv[2] ?? 1000);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, '.tmp', `bench-phases-${n}`);
if (process.argv[3] !== 'child') {
  makeModels(dir, n);
  // One migration creating every table, so the replay phase has something to replay.
  const { spawnSync } = await import('node:child_process');
  const bin = join(root, 'packages/cli/bin/tidemark.mjs');
  const init = spawnSync(process.execPath, [bin, 'migrate:generate', '--message', 'init'], { cwd: dir, encoding: 'utf8', env: { ...process.env } });
  if (init.status !== 0) throw new Error(init.stderr);
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), String(n), 'child'], { cwd: dir, encoding: 'utf8', env: { ...process.env } });
  process.stdout.write(child.stdout);
  process.stderr.write(child.stderr);
  process.exit(child.status ?? 1);
}

const phases = {};
let t = performance.now();
const lap = (name) => { const now = performance.now(); phases[name] = Math.round(now - t); t = now; };
const g = await import('@tidemark/generator');
const core = await import('@tidemark/core');
const migrator = await import('@tidemark/migrator');
lap('loadGeneratorAndTypeScript');
const files = await g.findModelFiles(dir, ['models/*.ts']);
lap('findFiles');
const ts = createRequire(import.meta.url)('@ts-morph/common').ts;
for (const f of files) ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true);
lap('parseOnly');
const models = g.readModelFiles(files, { cwd: dir });
lap('readModelFiles (parse + walk)');
phases['walk (read minus parse)'] = phases['readModelFiles (parse + walk)'] - phases.parseOnly;
const built = core.buildSnapshot(models);
lap('buildSnapshot');
const { snapshot: prev } = await g.verifiedSchema(join(dir, 'migrations'));
lap('replayExistingMigrations (tsx load + record + compare)');
const ops = await core.diffSnapshots(core.emptySnapshot(), built.snapshot, {});
lap('diffFromEmpty');
const rendered = g.renderMigration({ id: '20250101_000000_x', message: 'x', operations: ops, before: core.emptySnapshot(), header: { from: 'a', to: 'b' } });
lap('renderMigration');
core.serializeSnapshot(built.snapshot);
lap('serializeSnapshot');
console.log(JSON.stringify({ models: n, operations: ops.length, renderedBytes: rendered.text.length, prevTables: prev.tables.length, phasesMs: phases, maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }, null, 2));
