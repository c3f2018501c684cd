#!/usr/bin/env node
// Cold start of `migrate:status` on the example (SQLite): a fresh process each run.
// Target (brief): under 200 ms. Usage: node bench/status-cold-start.mjs [runs]
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runCli } from './run-cli.mjs';

const runs = Number(process.argv[2] ?? 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, '.tmp', 'bench-status');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const url = `sqlite:${join(dir, 'status.db')}`;
const up = runCli(['migrate:up', '--url', url], root);
if (up.code !== 0) { console.error(up.stderr); process.exit(1); }
const times = [];
for (let i = 0; i < runs; i++) times.push(runCli(['migrate:status', '--url', url], root).ms);
const bare = [];
for (let i = 0; i < runs; i++) {
  const t = process.hrtime.bigint();
  (await import('node:child_process')).spawnSync(process.execPath, ['-e', '0']);
  bare.push(Number(process.hrtime.bigint() - t) / 1e6);
}
console.log(JSON.stringify({ runs, statusMedianMs: Math.round(median(times)), statusMinMs: Math.round(Math.min(...times)), bareNodeMedianMs: Math.round(median(bare)) }, null, 2));
rmSync(dir, { recursive: true, force: true });
