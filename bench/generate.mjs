#!/usr/bin/env node
// migrate:generate on N generated models of 20 columns each (default 1,000; also try 200): a first
// run (no migrations, no cache) and a no-changes run (the cache written by the run before it).
// Target (brief): 1,000 models under 0.7 s and 200 MiB. Usage: node bench/generate.mjs [N] [runs]
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeModels } from './make-models.mjs';
import { median, runCli } from './run-cli.mjs';

const n = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, '.tmp', `bench-generate-${n}`);
makeModels(dir, n);

const results = [];
for (let r = 0; r < runs; r++) {
  rmSync(join(dir, 'migrations'), { recursive: true, force: true });
  // A first generate has no cache yet (node_modules/.cache/tidemark): every file is parsed.
  rmSync(join(dir, 'node_modules', '.cache'), { recursive: true, force: true });
  const res = runCli(['migrate:generate', '--message', 'init'], dir);
  if (res.code !== 0) { console.error(res.stderr, res.stdout); process.exit(1); }
  results.push(res);
}
const noop = [];
runCli(['migrate:generate', '--message', 'init'], dir);
for (let r = 0; r < runs; r++) noop.push(runCli(['migrate:generate', '--message', 'again'], dir));
// The floor, measured at the same moment (this machine's speed drifts with its neighbours): a
// fresh process that only loads TypeScript and parses the same files, as the brief's "parsing the
// files alone" does.
const parseOnly = [];
const script = `const t=require('@ts-morph/common').ts;const fs=require('fs');const p=require('path');const d=process.argv[1];
for (const f of fs.readdirSync(d)) t.createSourceFile(f, fs.readFileSync(p.join(d,f),'utf8'), t.ScriptTarget.ES2022, true);`;
for (let r = 0; r < runs; r++) {
  const t = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['-e', script, join(dir, 'models')], { cwd: root, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  parseOnly.push(Number(process.hrtime.bigint() - t) / 1e6);
}
console.log(JSON.stringify({
  models: n, columnsPerModel: 20, runs,
  firstGenerate: { medianMs: Math.round(median(results.map((x) => x.ms))), medianMaxRssMiB: Math.round(median(results.map((x) => x.rssMiB))) },
  noChangesGenerate: { medianMs: Math.round(median(noop.map((x) => x.ms))), medianMaxRssMiB: Math.round(median(noop.map((x) => x.rssMiB))) },
  parseOnlyProcess: { medianMs: Math.round(median(parseOnly)) },
  firstGenerateOverParseOnly: +(median(results.map((x) => x.ms)) / median(parseOnly)).toFixed(2),
}, null, 2));
if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
