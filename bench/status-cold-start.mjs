#!/usr/bin/env node
// Cold start of `migrate:status` on the example (SQLite, or the database at `url`, which gets the
// example's migrations applied first): a fresh process each run, driver load and connection included.
// Target (brief): under 200 ms. Usage: node bench/status-cold-start.mjs [runs] [url]
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runCli } from './run-cli.mjs';

const runs = Number(process.argv[2] ?? 15);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, '.tmp', 'bench-status');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const url = process.argv[3] ?? `sqlite:${join(dir, 'status.db')}`;
const up = runCli(['migrate:up', '--url', url], root);
if (up.code !== 0) { console.error(up.stderr); process.exit(1); }
const results = [];
for (let i = 0; i < runs; i++) results.push(runCli(['migrate:status', '--url', url], root));
const times = results.map((r) => r.ms);
const bare = [];
const bareCpu = [];
const RSS = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));
for (let i = 0; i < runs; i++) {
  const t = process.hrtime.bigint();
  const r = (await import('node:child_process')).spawnSync(process.execPath, ['--import', RSS, '-e', '0'], { encoding: 'utf8' });
  bare.push(Number(process.hrtime.bigint() - t) / 1e6);
  bareCpu.push(Number(/BENCH_CPU_US=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000);
}
console.log(JSON.stringify({ backend: url.split(':')[0], runs, statusMedianMs: Math.round(median(times)), statusMinMs: Math.round(Math.min(...times)), statusMedianCpuMs: Math.round(median(results.map((r) => r.cpuMs))), bareNodeMedianMs: Math.round(median(bare)), bareNodeMedianCpuMs: Math.round(median(bareCpu)) }, null, 2));
rmSync(dir, { recursive: true, force: true });
