// Runs the built CLI once in a fresh process and returns wall time and peak memory.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../packages/cli/bin/tidemark.mjs', import.meta.url));
const RSS = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));

/** Runs `tidemark <args>` in `cwd`; returns { ms, rssMiB, cpuMs, code, stdout, stderr }. */
export function runCli(args, cwd, env = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS, BIN, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const m = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr);
  const cpu = /BENCH_CPU_US=(\d+)/.exec(r.stderr);
  return { ms, rssMiB: m ? Number(m[1]) / 1024 : NaN, cpuMs: cpu ? Number(cpu[1]) / 1000 : NaN, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
