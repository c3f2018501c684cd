#!/usr/bin/env node
// What applying migrations through Tidemark costs over running the same SQL by hand, on
// PostgreSQL and MySQL/MariaDB (issue 3's closing figure). The statements are exactly what
// `migrate:up --dry-run` prints for the migrations; each comparison is the median of several
// runs, each on a freshly created database:
//  - process: `tidemark migrate:up --url …` vs `psql` / `mariadb` running those statements in
//    one session (one transaction per migration on PostgreSQL, as the runner does) — the user's view;
//  - in-process: migrator.up() vs the same statements through the same driver on one connection,
//    both after start-up — the runner's own cost (locking, history, introspection, prechecks).
// Usage: node --conditions=source --import tsx bench/apply-sql-backends.mjs [postgres|mysql] [example|<models>] [runs=5]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMigrator } from '@tidemark/migrator';
import { makeModels } from './make-models.mjs';
import { median, runCli } from './run-cli.mjs';

const backendName = process.argv[2] ?? 'postgres';
const project = process.argv[3] ?? 'example';
const runs = Number(process.argv[4] ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));

let dir = root;
if (project !== 'example') {
  dir = makeModels(join(root, '.tmp', `bench-sql-${project}`), Number(project));
  const gen = runCli(['migrate:generate', '--message', 'init', '--no-target-check'], dir);
  if (gen.code !== 0) throw new Error(gen.stderr);
}
const migrations = join(dir, 'migrations');

const PG = process.env.TIDEMARK_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MY = process.env.TIDEMARK_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const pgAt = (db) => { const u = new URL(PG); u.pathname = `/${db}`; return u.toString(); };
const myAt = (db) => { const u = new URL(MY); u.pathname = `/${db}`; return u.toString(); };

const sh = (cmd, args, input) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r;
};
const pgArgs = () => { const u = new URL(PG); return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')]; };
const myArgs = () => { const u = new URL(MY); return ['-h', u.hostname, '-P', u.port || '3306', `-u${decodeURIComponent(u.username || 'root')}`, ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : [])]; };

const B = backendName === 'postgres'
  ? {
    url: pgAt,
    fresh: (db) => sh('psql', [...pgArgs(), '-d', new URL(PG).pathname.slice(1) || 'postgres', '-qc', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`, '-c', `CREATE DATABASE ${db}`]),
    drop: (db) => sh('psql', [...pgArgs(), '-d', new URL(PG).pathname.slice(1) || 'postgres', '-qc', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`]),
    script: (perMigration) => perMigration.map((stmts) => `BEGIN;\n${stmts.map((s) => `${s};`).join('\n')}\nCOMMIT;`).join('\n'),
    byHand: (db, file) => sh('psql', [...pgArgs(), '-d', db, '-q', '-v', 'ON_ERROR_STOP=1', '-f', file]),
    backend: async () => (await import('@tidemark/postgres')).postgresBackend,
    driverRun: async (db, perMigration) => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: pgAt(db) });
      await client.connect();
      const t = performance.now();
      for (const stmts of perMigration) { await client.query('BEGIN'); for (const s of stmts) await client.query(s); await client.query('COMMIT'); }
      const ms = performance.now() - t;
      await client.end();
      return ms;
    },
  }
  : {
    url: myAt,
    fresh: (db) => sh('mariadb', [...myArgs(), '-e', `DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db}`]),
    drop: (db) => sh('mariadb', [...myArgs(), '-e', `DROP DATABASE IF EXISTS ${db}`]),
    script: (perMigration) => perMigration.flat().map((s) => `${s};`).join('\n'),
    byHand: (db, file) => sh('sh', ['-c', `mariadb ${myArgs().map((a) => `'${a}'`).join(' ')} ${db} < '${file}'`]),
    backend: async () => (await import('@tidemark/mysql')).mysqlBackend,
    driverRun: async (db, perMigration) => {
      const { default: mysql } = await import('mysql2/promise');
      const conn = await mysql.createConnection({ uri: myAt(db) });
      const t = performance.now();
      for (const s of perMigration.flat()) await conn.query(s);
      const ms = performance.now() - t;
      await conn.end();
      return ms;
    },
  };

const backend = await B.backend();
// the exact statements `migrate:up --dry-run` prints, per migration
const perMigration = [];
B.fresh('tm_bench_dry');
{
  const connection = await backend.connect(B.url('tm_bench_dry'));
  await createMigrator({ connection, directory: migrations, onEvent: (e) => { if (e.type === 'dry-run') perMigration.push(e.statements); } }).up({ dryRun: true });
  await connection.close();
}
B.drop('tm_bench_dry');
const file = join(root, '.tmp', `bench-${backendName}.sql`);
writeFileSync(file, `${B.script(perMigration)}\n`);

const processTidemark = [];
const processByHand = [];
const inTidemark = [];
const inByHand = [];
for (let r = 0; r < runs; r++) {
  B.fresh('tm_bench_p1');
  const cli = runCli(['migrate:up', '--url', B.url('tm_bench_p1')], dir);
  if (cli.code !== 0) throw new Error(cli.stderr);
  processTidemark.push(cli.ms);
  B.fresh('tm_bench_p2');
  const t = process.hrtime.bigint();
  B.byHand('tm_bench_p2', file);
  processByHand.push(Number(process.hrtime.bigint() - t) / 1e6);

  B.fresh('tm_bench_i1');
  const connection = await backend.connect(B.url('tm_bench_i1'));
  const t1 = performance.now();
  await createMigrator({ connection, directory: migrations }).up();
  inTidemark.push(performance.now() - t1);
  await connection.close();
  B.fresh('tm_bench_i2');
  inByHand.push(await B.driverRun('tm_bench_i2', perMigration));
}
for (const db of ['tm_bench_p1', 'tm_bench_p2', 'tm_bench_i1', 'tm_bench_i2']) B.drop(db);

const f = (x) => x.toFixed(0);
const statements = perMigration.flat().length;
console.log(`${backendName}, ${project === 'example' ? 'the example' : `${project} models`} (${perMigration.length} migrations, ${statements} statements), median of ${runs}:`);
console.log(`  process:    tidemark migrate:up ${f(median(processTidemark))} ms vs ${backendName === 'postgres' ? 'psql' : 'mariadb'} ${f(median(processByHand))} ms  (${(median(processTidemark) / median(processByHand)).toFixed(2)}×)`);
console.log(`  in-process: migrator.up() ${f(median(inTidemark))} ms vs the driver ${f(median(inByHand))} ms  (${(median(inTidemark) / median(inByHand)).toFixed(2)}×)`);
