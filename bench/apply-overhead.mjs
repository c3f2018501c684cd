#!/usr/bin/env node
// What applying migrations through Tidemark costs over running the same SQL by hand, on SQLite.
// Target (brief): at most 1.2×. Two comparisons, each the median of several runs on fresh files:
//  - process: `tidemark migrate:up` vs the `sqlite3` shell running the same statements (the ones
//    `migrate:up --dry-run` prints) in one transaction — the user's view, like psql for PostgreSQL;
//  - in-process: migrator.up() vs those statements, both after start-up — the runner's own cost.
// Usage: node bench/apply-overhead.mjs [models=200] [runs=5]
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sqliteBackend } from '@tidemark/sqlite';
import { createMigrator } from '@tidemark/migrator';
import { makeModels } from './make-models.mjs';
import { median, runCli } from './run-cli.mjs';

const n = Number(process.argv[2] ?? 200);
const runs = Number(process.argv[3] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = makeModels(join(root, '.tmp', `bench-apply-${n}`), n);
const gen = runCli(['migrate:generate', '--message', 'init'], dir);
if (gen.code !== 0) throw new Error(gen.stderr);
const fresh = (name) => { const p = join(dir, name); rmSync(p, { force: true }); return p; };
// the exact statements `migrate:up --dry-run` prints, collected from the migrator's events
const sql = [];
{
  const connection = await sqliteBackend.connect(`sqlite:${fresh('dry.db')}`);
  await createMigrator({ connection, directory: join(dir, 'migrations'), onEvent: (e) => { if (e.type === 'dry-run') sql.push(...e.statements); } }).up({ dryRun: true });
  await connection.close();
}
writeFileSync(join(dir, 'statements.sql'), `PRAGMA foreign_keys = ON;\nBEGIN;\n${sql.map((s) => `${s};`).join('\n')}\nCOMMIT;\n`);


const processTidemark = [];
const processByHand = [];
const inTidemark = [];
const inByHand = [];
for (let r = 0; r < runs; r++) {
  processTidemark.push(runCli(['migrate:up', '--url', `sqlite:${fresh('p-tm.db')}`], dir).ms);
  const t = process.hrtime.bigint();
  const h = spawnSync('sqlite3', [fresh('p-hand.db'), `.read ${join(dir, 'statements.sql')}`], { encoding: 'utf8' });
  if (h.status !== 0) throw new Error(h.stderr);
  processByHand.push(Number(process.hrtime.bigint() - t) / 1e6);

  const connection = await sqliteBackend.connect(`sqlite:${fresh('i-tm.db')}`);
  const t1 = performance.now();
  await createMigrator({ connection, directory: join(dir, 'migrations') }).up();
  inTidemark.push(performance.now() - t1);
  await connection.close();

  const db = new Database(fresh('i-hand.db'));
  db.pragma('foreign_keys = ON');
  const t2 = performance.now();
  db.exec('BEGIN');
  for (const s of sql) db.exec(s);
  db.exec('COMMIT');
  inByHand.push(performance.now() - t2);
  db.close();
}
const m = (xs) => Math.round(median(xs));
console.log(JSON.stringify({
  models: n, statements: sql.length, runs,
  process: { tidemarkMs: m(processTidemark), byHandMs: m(processByHand), ratio: +(median(processTidemark) / median(processByHand)).toFixed(2) },
  inProcess: { tidemarkMs: m(inTidemark), byHandMs: m(inByHand), ratio: +(median(inTidemark) / median(inByHand)).toFixed(2) },
}, null, 2));
if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
