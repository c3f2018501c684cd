#!/usr/bin/env node
// `tidemark migrate:generate` and `drizzle-kit generate` side by side (issue 12), on the same N
// generated models (bench/make-models.mjs: 20 columns, a foreign key chain with its index), each
// in its own syntax, SQLite dialect, whole process, alternating runs. Three moments:
//   initial    no migrations and no cache yet: the first generate of a project
//   changed    one model file gained a column since the last generate (a new column each run)
//   unchanged  nothing changed since the last generate (the first such run: tidemark replays the
//              migrations once and caches the result)
//   again      unchanged once more (tidemark's replay cache is warm too)
// Prints medians of wall time, CPU time and peak memory (maxRSS) per tool, and tidemark / drizzle-kit
// ratios (below 1: tidemark is faster or smaller; the target is a wall ratio of 0.5 or less).
// drizzle-kit is installed into a cache outside the repository (as DynamoDB Local is: see
// scripts/dynamodb-local.mjs), once: ~/.cache/tidemark/drizzle-kit, or $TIDEMARK_CACHE_DIR/drizzle-kit.
// Usage: node bench/vs-drizzle-kit.mjs [sizes=50,200,1000] [runs=5]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeModels } from './make-models.mjs';
import { median, runCli } from './run-cli.mjs';

const DRIZZLE_KIT = '0.31.11';
const DRIZZLE_ORM = '0.44.7';
const sizes = (process.argv[2] ?? '50,200,1000').split(',').map(Number);
const runs = Number(process.argv[3] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const RSS = fileURLToPath(new URL('./report-rss.mjs', import.meta.url));

function cacheRoot(env = process.env) {
  if (env.TIDEMARK_CACHE_DIR) return env.TIDEMARK_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'tidemark');
  return join(homedir(), '.cache', 'tidemark');
}

/** Installs the pinned drizzle-kit and drizzle-orm into the cache (once) and returns its node_modules. */
function drizzleKit() {
  const prefix = join(cacheRoot(), 'drizzle-kit');
  const modules = join(prefix, 'node_modules');
  const installed = (name) => existsSync(join(modules, name, 'package.json')) && JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;
  if (installed('drizzle-kit') !== DRIZZLE_KIT || installed('drizzle-orm') !== DRIZZLE_ORM) {
    mkdirSync(prefix, { recursive: true });
    const r = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', `drizzle-kit@${DRIZZLE_KIT}`, `drizzle-orm@${DRIZZLE_ORM}`], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm install of drizzle-kit failed');
  }
  return modules;
}

const SQLITE = {
  number: (c) => `integer('${c}')`, string: (c) => `text('${c}', { length: 255 })`, boolean: (c) => `integer('${c}', { mode: 'boolean' })`,
  Date: (c) => `integer('${c}', { mode: 'timestamp_ms' })`, bigint: (c) => `blob('${c}', { mode: 'bigint' })`, Float: (c) => `real('${c}')`,
  Decimal: (c) => `numeric('${c}')`, Text: (c) => `text('${c}')`, Uuid: (c) => `text('${c}')`, "'a' | 'b' | 'c'": (c) => `text('${c}', { enum: ['a', 'b', 'c'] })`,
};
const TYPES = Object.keys(SQLITE);

/** The same models as make-models.mjs, in drizzle-orm's syntax: one file per table. */
function makeDrizzleModels(dir, n, modules) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'schema'), { recursive: true });
  symlinkSync(modules, join(dir, 'node_modules'));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, 'schema', `model${i}.ts`), drizzleModel(i, []));
  return dir;
}

function drizzleModel(i, extra) {
  const cols = ["  id: integer('id').primaryKey({ autoIncrement: true }),"];
  for (let c = 1; c < 20; c++) {
    const type = TYPES[c % TYPES.length];
    cols.push(`  field${c}: ${SQLITE[type](`field${c}`)}${c % 4 === 0 ? '' : '.notNull()'},`);
  }
  for (const x of extra) cols.push(`  ${x}: text('${x}'),`);
  if (i > 0) cols.push(`  parentId: integer('parent_id').references(() => model${i - 1}.id),`);
  const imports = i > 0 ? `import { model${i - 1} } from './model${i - 1}';\n` : '';
  const indexes = i > 0 ? `, (t) => [index('idx_model${i}s_parent_id').on(t.parentId)]` : '';
  return `import { sqliteTable, integer, text, real, numeric, blob, index } from 'drizzle-orm/sqlite-core';\n${imports}\nexport const model${i} = sqliteTable('model${i}s', {\n${cols.join('\n')}\n}${indexes});\n`;
}

function tidemarkModelWithExtra(dir, extra) {
  const path = join(dir, 'models', 'model0.ts');
  const base = readFileSync(path, 'utf8').replace(/\n {2}extra\d+\?: string \| null;/g, '');
  writeFileSync(path, base.replace('  @Key() @Auto() id!: number;', `  @Key() @Auto() id!: number;${extra.map((x) => `\n  ${x}?: string | null;`).join('')}`));
}

function runDrizzle(dir, modules) {
  const bin = join(modules, 'drizzle-kit', 'bin.cjs');
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS, bin, 'generate', '--dialect', 'sqlite', '--schema', './schema', '--out', './drizzle'], { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const m = /BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr);
  const cpu = /BENCH_CPU_US=(\d+)/.exec(r.stderr);
  if (r.status !== 0) throw new Error(`drizzle-kit failed: ${r.stderr}\n${r.stdout}`);
  return { ms, rssMiB: m ? Number(m[1]) / 1024 : NaN, cpuMs: cpu ? Number(cpu[1]) / 1000 : NaN, stdout: r.stdout };
}

function runTidemark(dir, message) {
  const r = runCli(['migrate:generate', '--message', message], dir);
  if (r.code !== 0) throw new Error(`tidemark failed: ${r.stderr}\n${r.stdout}`);
  return r;
}

const summary = (xs) => ({
  medianMs: Math.round(median(xs.map((x) => x.ms))), medianCpuMs: Math.round(median(xs.map((x) => x.cpuMs))), medianPeakMiB: Math.round(median(xs.map((x) => x.rssMiB))),
});

const modules = drizzleKit();
const results = [];
for (const n of sizes) {
  const tm = join(root, '.tmp', `vs-drizzle-${n}`, 'tidemark');
  const dk = join(root, '.tmp', `vs-drizzle-${n}`, 'drizzle');
  makeModels(tm, n);
  makeDrizzleModels(dk, n, modules);
  const moments = { initial: { tidemark: [], drizzleKit: [] }, changed: { tidemark: [], drizzleKit: [] }, unchanged: { tidemark: [], drizzleKit: [] }, again: { tidemark: [], drizzleKit: [] } };
  for (let r = 0; r < runs; r++) {
    // Alternate which tool goes first, so a drift in the machine's speed hits both alike.
    const order = r % 2 === 0 ? ['tidemark', 'drizzleKit'] : ['drizzleKit', 'tidemark'];
    for (const tool of order) {
      if (tool === 'tidemark') {
        tidemarkModelWithExtra(tm, []);
        rmSync(join(tm, 'migrations'), { recursive: true, force: true });
        rmSync(join(tm, 'node_modules', '.cache'), { recursive: true, force: true });
        moments.initial.tidemark.push(runTidemark(tm, 'init'));
        cpSync(join(tm, 'migrations'), join(tm, 'migrations-init'), { recursive: true });
        moments.unchanged.tidemark.push(runTidemark(tm, 'again'));
        moments.again.tidemark.push(runTidemark(tm, 'again'));
        tidemarkModelWithExtra(tm, [`extra${r}`]);
        moments.changed.tidemark.push(runTidemark(tm, `add extra ${r}`));
        rmSync(join(tm, 'migrations'), { recursive: true, force: true });
        cpSync(join(tm, 'migrations-init'), join(tm, 'migrations'), { recursive: true });
        rmSync(join(tm, 'migrations-init'), { recursive: true, force: true });
        tidemarkModelWithExtra(tm, []);
      } else {
        writeFileSync(join(dk, 'schema', 'model0.ts'), drizzleModel(0, []));
        rmSync(join(dk, 'drizzle'), { recursive: true, force: true });
        moments.initial.drizzleKit.push(runDrizzle(dk, modules));
        cpSync(join(dk, 'drizzle'), join(dk, 'drizzle-init'), { recursive: true });
        const same = runDrizzle(dk, modules);
        if (!/No schema changes/.test(same.stdout)) throw new Error(`drizzle-kit found changes in unchanged models: ${same.stdout}`);
        moments.unchanged.drizzleKit.push(same);
        moments.again.drizzleKit.push(runDrizzle(dk, modules));
        writeFileSync(join(dk, 'schema', 'model0.ts'), drizzleModel(0, [`extra${r}`]));
        moments.changed.drizzleKit.push(runDrizzle(dk, modules));
        rmSync(join(dk, 'drizzle'), { recursive: true, force: true });
        cpSync(join(dk, 'drizzle-init'), join(dk, 'drizzle'), { recursive: true });
        rmSync(join(dk, 'drizzle-init'), { recursive: true, force: true });
      }
    }
  }
  for (const [moment, m] of Object.entries(moments)) {
    const t = summary(m.tidemark);
    const d = summary(m.drizzleKit);
    results.push({ models: n, moment, tidemark: t, drizzleKit: d, wallRatio: +(t.medianMs / d.medianMs).toFixed(2), cpuRatio: +(t.medianCpuMs / d.medianCpuMs).toFixed(2), peakMemoryRatio: +(t.medianPeakMiB / d.medianPeakMiB).toFixed(2) });
  }
  if (!process.env.BENCH_KEEP) rmSync(join(root, '.tmp', `vs-drizzle-${n}`), { recursive: true, force: true });
}
console.log(JSON.stringify({ drizzleKit: DRIZZLE_KIT, runs, loadAverage1m: +loadavg()[0].toFixed(1), results }, null, 2));
