#!/usr/bin/env node
// What `db.backfill` costs on PostgreSQL: a table of N rows, every row given a value computed
// from the row (the function form: each batch is read, computed in JavaScript and written back
// with one UPDATE … FROM (VALUES …)), 1,000 rows per batch, outside a migration's transaction
// (`transaction: false`), so each batch commits on its own. Reports rows/s and the longest lock
// held: a second session samples pg_stat_activity every 10 ms for the back-fill's open
// transaction (row locks live exactly as long as it), and the longest batch is timed in-process.
// Runs on a database of its own, created and dropped here.
// Usage: node --conditions=source --import tsx bench/postgres-backfill.mjs [rows=10000000] [batch=1000]
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { contextFor, op } from '@tidemark/core';
import { postgresBackend } from '@tidemark/postgres';

const rows = Number(process.argv[2] ?? 10_000_000);
const batchSize = Number(process.argv[3] ?? 1000);
const server = process.env.TIDEMARK_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `tidemark_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = server.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
const conn = await postgresBackend.connect(url);
const monitor = new pg.Client({ connectionString: url });
try {
  await conn.withLock(() => conn.applier.apply(op.createTable({
    name: 'orders', primaryKey: ['id'],
    columns: [
      { name: 'id', type: 'i64' }, { name: 'total', type: 'decimal', precision: 10, scale: 2 },
      { name: 'status', type: 'string', length: 20, nullable: true },
    ],
  })));
  let started = performance.now();
  await conn.applier.execute(`INSERT INTO orders (id, total) SELECT g, (g % 1000) / 10.0 FROM generate_series(1, ${rows}) AS g`);
  await conn.applier.execute('VACUUM ANALYZE orders');
  console.error(`wrote ${rows} rows in ${Math.round(performance.now() - started)} ms`);

  await monitor.connect();
  const [{ pid }] = (await conn.applier.execute('SELECT pg_backend_pid() AS pid'));
  let longestTransactionMs = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const r = await monitor.query("SELECT EXTRACT(EPOCH FROM clock_timestamp() - xact_start) * 1000 AS ms FROM pg_stat_activity WHERE pid = $1 AND xact_start IS NOT NULL", [pid]);
      if (r.rows[0]) longestTransactionMs = Math.max(longestTransactionMs, Number(r.rows[0].ms));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  let last = performance.now();
  let longestBatchMs = 0;
  let events = 0;
  conn.applier.onProgress = (e) => {
    const now = performance.now();
    longestBatchMs = Math.max(longestBatchMs, now - last);
    last = now;
    events++;
    if (events % 1000 === 0) console.error(`  ${e.done} of ${e.total}`);
  };
  const db = contextFor({ dialect: 'postgres', apply: (o) => conn.applier.apply(o), execute: (s) => conn.applier.execute(s), data: (c) => conn.applier.applyData(c) });
  started = performance.now();
  const result = await conn.withLock(() => db.backfill('orders', (row) => ({ status: Number(row.total) >= 50 ? 'large' : 'small' }), { batchSize }));
  const ms = performance.now() - started;
  sampling = false;
  await sampler;
  const [check] = await conn.applier.execute('SELECT COUNT(*) AS n FROM orders WHERE status IS NOT NULL');
  if (Number(check.n) !== rows) throw new Error(`only ${check.n} of ${rows} rows were back-filled`);
  console.log(JSON.stringify({
    rows, batchSize, written: result.rows, ms: Math.round(ms), rowsPerSecond: Math.round(rows / (ms / 1000)),
    longestTransactionMs: Math.round(longestTransactionMs), longestBatchMs: Math.round(longestBatchMs), progressEvents: events,
  }));
} finally {
  await monitor.end().catch(() => undefined);
  await conn.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
}
