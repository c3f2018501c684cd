#!/usr/bin/env node
// The runner's overhead on a migration that moves data: widening a column of a table holding
// N rows (SQLite rebuilds the table), through `migrator.up()` vs the same statements by hand
// (the ones `--dry-run` prints), both in-process after start-up, on fresh copies of one file.
// Usage: node --conditions=source --import tsx bench/apply-rebuild.mjs [rows=200000] [runs=5]
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createMigrator } from '@tidemark/migrator';
import { sqliteBackend } from '@tidemark/sqlite';
import { median } from './run-cli.mjs';

const rows = Number(process.argv[2] ?? 200000);
const runs = Number(process.argv[3] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, '.tmp', 'bench-rebuild');
rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'migrations'), { recursive: true });
const migration = (id, body) => writeFileSync(join(dir, 'migrations', `${id}.ts`),
  `import { defineMigration } from '@tidemark/core';\nexport default defineMigration({ id: '${id}', async up(db) { ${body} }, async down() {} });\n`);
migration('20250101_000000_create', "await db.createTable({ name: 'events', columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'kind', type: 'string', length: 20 }, { name: 'amount', type: 'i32' }], primaryKey: ['id'], indexes: [{ name: 'idx_events_kind', columns: ['kind'] }] });");

// the seed: the first migration applied, then rows inserted
const seed = join(dir, 'seed.db');
{
  const connection = await sqliteBackend.connect(`sqlite:${seed}`);
  await createMigrator({ connection, directory: join(dir, 'migrations') }).up();
  await connection.close();
  const db = new Database(seed);
  const insert = db.prepare('INSERT INTO events (kind, amount) VALUES (?, ?)');
  db.transaction(() => { for (let i = 0; i < rows; i++) insert.run(`k${i % 50}`, i); })();
  db.close();
}
migration('20250101_000001_widen', "await db.alterColumn('events', 'amount', { type: 'i64' });");

const statements = [];
{
  copyFileSync(seed, join(dir, 'dry.db'));
  const connection = await sqliteBackend.connect(`sqlite:${join(dir, 'dry.db')}`);
  await createMigrator({ connection, directory: join(dir, 'migrations'), onEvent: (e) => { if (e.type === 'dry-run') statements.push(...e.statements); } }).up({ dryRun: true });
  await connection.close();
}
const tidemark = [];
const byHand = [];
for (let r = 0; r < runs; r++) {
  copyFileSync(seed, join(dir, 'tm.db'));
  const connection = await sqliteBackend.connect(`sqlite:${join(dir, 'tm.db')}`);
  const t = performance.now();
  await createMigrator({ connection, directory: join(dir, 'migrations') }).up();
  tidemark.push(performance.now() - t);
  await connection.close();

  copyFileSync(seed, join(dir, 'hand.db'));
  const db = new Database(join(dir, 'hand.db'));
  const t2 = performance.now();
  db.pragma('foreign_keys = OFF');
  db.exec('BEGIN');
  for (const s of statements) db.exec(s);
  db.pragma('foreign_key_check');
  db.exec('COMMIT');
  byHand.push(performance.now() - t2);
  db.close();
}
console.log(JSON.stringify({
  rows, statements: statements.length, runs,
  tidemarkMs: Math.round(median(tidemark)), byHandMs: Math.round(median(byHand)), ratio: +(median(tidemark) / median(byHand)).toFixed(2),
}, null, 2));
rmSync(dir, { recursive: true, force: true });
