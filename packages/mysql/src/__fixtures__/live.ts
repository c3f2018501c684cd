// Test helpers for the live tests of this package: a fresh database per test on the server of
// TIDEMARK_MYSQL_URL (default mysql://root@127.0.0.1:3306/test), dropped afterwards. When the
// server is unreachable the tests are skipped with a loud reason, unless
// TIDEMARK_REQUIRE_BACKENDS names mysql (CI), where that is a failure.
import assert from 'node:assert/strict';
import { applyOperation, comparableSnapshot, emptySnapshot, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import mysql from 'mysql2/promise';
import { connectMysql } from '../connect.js';
import type { MysqlConnection } from '../connection.js';
import { capabilities, parseMysqlUrl } from '../index.js';

export const BASE_URL = process.env.TIDEMARK_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

function serverOptions(connectTimeout: number): mysql.ConnectionOptions {
  const l = parseMysqlUrl(BASE_URL);
  return {
    ...(l.socketPath !== undefined ? { socketPath: l.socketPath } : { host: l.host, port: l.port }),
    ...(l.user !== undefined ? { user: l.user } : {}),
    ...(l.password !== undefined ? { password: l.password } : {}),
    connectTimeout,
  };
}

/** `skipReason` is why live tests cannot run here (undefined when the server answers). */
export async function skipReason(): Promise<string | false> {
  try {
    const conn = await mysql.createConnection(serverOptions(2000));
    await conn.end();
    return false;
  } catch (err) {
    const reason = `MySQL is unreachable at ${BASE_URL} (${(err as Error).message}); start it or set TIDEMARK_MYSQL_URL`;
    if ((process.env.TIDEMARK_REQUIRE_BACKENDS ?? '').split(',').map((s) => s.trim()).includes('mysql')) throw new Error(reason);
    console.error(`\n!!! SKIPPING live MySQL tests: ${reason}\n`);
    return reason;
  }
}

/** `LiveDb` is a fresh database, a Tidemark connection to it, and what the applied operations say its schema is. */
export interface LiveDb {
  readonly url: string;
  readonly database: string;
  readonly conn: MysqlConnection;
  expected: SchemaSnapshot;
  /** Opens another Tidemark connection to the same database. */
  connect(options?: { lockTimeoutMs?: number }): Promise<MysqlConnection>;
  /** Runs SQL through the admin connection (not Tidemark's), for reading what is really there. */
  sql<T = Record<string, unknown>>(statement: string): Promise<T[]>;
  cleanup(): Promise<void>;
}

let counter = 0;

/** `openLiveDb` creates a fresh database and connects to it. */
export async function openLiveDb(options: { lockTimeoutMs?: number } = {}): Promise<LiveDb> {
  const database = `tidemark_u_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await mysql.createConnection(serverOptions(10_000));
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  const url = new URL(BASE_URL);
  url.pathname = `/${database}`;
  const opened: MysqlConnection[] = [];
  const connect = async (o: { lockTimeoutMs?: number } = options) => {
    const c = await connectMysql(url.toString(), o);
    opened.push(c);
    return c;
  };
  const conn = await connect();
  return {
    url: url.toString(), database, conn, expected: emptySnapshot(), connect,
    async sql(statement) {
      const [rows] = await admin.query(`USE \`${database}\``).then(() => admin.query(statement));
      return rows as never;
    },
    async cleanup() {
      try {
        for (const c of opened) await c.close();
        await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Applies `operation` as the migrator would and checks introspection against the reducer. */
export async function step(db: LiveDb, operation: SchemaOperation): Promise<void> {
  await db.conn.withLock(() => db.conn.transaction(() => db.conn.applier.apply(operation)));
  db.expected = applyOperation(db.expected, operation);
  assert.deepStrictEqual(comparableSnapshot(await db.conn.introspect()), comparableSnapshot(db.expected, capabilities));
}
