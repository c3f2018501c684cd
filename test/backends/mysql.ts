import { redactUrl } from '@tidemark/core';
import { capabilities, mysqlBackend, parseMysqlUrl } from '@tidemark/mysql';
import mysql from 'mysql2/promise';
import type { BackendHarness, Row } from './harness.js';

/** The server the suite uses; each test gets its own database on it. */
const BASE_URL = process.env.TIDEMARK_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

const quote = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

function literal(value: Row[string]): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/** Values as plain JS: BLOBs as UTF-8 text, JSON (MySQL parses it) back to its text. */
function plain(value: unknown): Row[string] {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return value as Row[string];
}

/** The server-level connection options of the base URL (no database: it may not exist yet). */
function serverOptions(connectTimeout: number): mysql.ConnectionOptions {
  const l = parseMysqlUrl(BASE_URL);
  return {
    ...(l.socketPath !== undefined ? { socketPath: l.socketPath } : { host: l.host, port: l.port }),
    ...(l.user !== undefined ? { user: l.user } : {}),
    ...(l.password !== undefined ? { password: l.password } : {}),
    connectTimeout,
  };
}

/** The base URL pointed at another database. */
function urlFor(database: string): string {
  const url = new URL(BASE_URL);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

let counter = 0;

/**
 * `mysqlHarness` runs the conformance suite on a MySQL or MariaDB server (TIDEMARK_MYSQL_URL,
 * default mysql://root@127.0.0.1:3306/test), in a new database per test that is dropped after it.
 */
export const mysqlHarness: BackendHarness = {
  name: 'mysql',
  capabilities,
  async unreachable() {
    try {
      const conn = await mysql.createConnection(serverOptions(2000));
      await conn.end();
      return undefined;
    } catch (err) {
      return `cannot reach ${redactUrl(BASE_URL)} (${(err as Error).message}); start the server `
        + '(e.g. `start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`) '
        + 'or set TIDEMARK_MYSQL_URL=mysql://user:password@host:3306/database';
    }
  },
  async create() {
    const database = `tidemark_t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await mysql.createConnection(serverOptions(10_000));
    await admin.query(`CREATE DATABASE ${quote(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    const url = urlFor(database);
    const connection = await mysqlBackend.connect(url);
    // user names are at most 32 characters on MySQL 5.7 (80 on MariaDB)
    const reader = `ro_${database.slice(-20)}`;
    const readerHosts: string[] = [];
    const run = (sql: string) => connection.applier.execute(sql);
    return {
      url,
      connection,
      async insert(table, rows) {
        for (const row of rows) {
          const cols = Object.keys(row);
          await run(`INSERT INTO ${quote(table)} (${cols.map(quote).join(', ')}) VALUES (${cols.map((c) => literal(row[c]!)).join(', ')})`);
        }
      },
      async select(table, columns, orderBy) {
        const rows = (await run(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${quote(orderBy)}`)) as Record<string, unknown>[];
        return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
      },
      async count(table) {
        const [row] = (await run(`SELECT COUNT(*) AS n FROM ${quote(table)}`)) as { n: number | string }[];
        return Number(row!.n);
      },
      async clear(tables) {
        // foreign keys off for the sweep (this session only): the order of the tables does not matter then
        await run(['SET FOREIGN_KEY_CHECKS = 0', ...tables.map((t) => `DELETE FROM ${quote(t)}`), 'SET FOREIGN_KEY_CHECKS = 1'].join(';\n'));
      },
      async tables() {
        const [rows] = await admin.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name', [database]);
        return (rows as { name: string }[]).map((r) => r.name);
      },
      async readOnly() {
        // SELECT on this database and nothing else; '%' and 'localhost' both, so the account
        // matches however the server names the client's host
        const password = `ro-${Math.random().toString(36).slice(2)}`;
        for (const host of ['%', 'localhost']) {
          await admin.query(`CREATE USER ?@? IDENTIFIED BY ?`, [reader, host, password]);
          readerHosts.push(host);
          await admin.query(`GRANT SELECT ON ${quote(database)}.* TO ?@?`, [reader, host]);
        }
        const u = new URL(url);
        u.username = reader;
        u.password = password;
        return { url: u.toString() };
      },
      async dispose() {
        try {
          await connection.close();
          await admin.query(`DROP DATABASE IF EXISTS ${quote(database)}`);
          for (const host of readerHosts) await admin.query('DROP USER IF EXISTS ?@?', [reader, host]);
        } finally {
          await admin.end();
        }
      },
    };
  },
};
