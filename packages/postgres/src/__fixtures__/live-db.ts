// Live PostgreSQL for the package's tests: a fresh database per test on the server of
// TIDEMARK_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards.
// Unreachable, the live suites are skipped loudly — or fail, when TIDEMARK_REQUIRE_BACKENDS
// names postgres (as CI does).
import pg from 'pg';
import { op, type SchemaOperation } from '@tidemark/core';
import { connectPostgres, type PostgresConnectOptions } from '../connect.js';
import type { PostgresConnection } from '../connection.js';

export const BASE_URL = process.env.TIDEMARK_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(timeoutMs = 10_000): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: timeoutMs });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

async function reachability(): Promise<string | undefined> {
  try {
    const c = await admin(2000);
    await c.end();
    return undefined;
  } catch (err) {
    const reason = `PostgreSQL is unreachable at ${BASE_URL} (${(err as Error).message}); start it or set TIDEMARK_POSTGRES_URL`;
    if ((process.env.TIDEMARK_REQUIRE_BACKENDS ?? '').split(',').map((s) => s.trim()).includes('postgres')) throw new Error(reason);
    console.error(`\n!!! SKIPPING the live PostgreSQL tests: ${reason}\n`);
    return reason;
  }
}

/** `SKIP` is the `skip` option of every live suite: a reason when the server is unreachable. */
export const SKIP: string | undefined = await reachability();

let counter = 0;

/** `TempDatabase` is a fresh database and the URL of it (with `query`, e.g. `?schema=app`). */
export interface TempDatabase {
  readonly name: string;
  url(query?: string): string;
  /** A client for checks that bypass Tidemark. */
  sql(text: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

/** `createDatabase` creates an empty database; `drop()` removes it, closing other sessions. */
export async function createDatabase(): Promise<TempDatabase> {
  const name = `tidemark_u_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const a = await admin();
  try {
    await a.query(`CREATE DATABASE "${name}"`);
  } finally {
    await a.end();
  }
  const url = (query = ''): string => {
    const u = new URL(BASE_URL);
    u.pathname = `/${name}`;
    u.search = query;
    return u.toString();
  };
  let client: pg.Client | undefined;
  return {
    name,
    url,
    async sql(text, values) {
      if (!client) {
        client = new pg.Client({ connectionString: url() });
        client.on('error', () => undefined);
        await client.connect();
      }
      return (await client.query(text, values)).rows;
    },
    async drop() {
      await client?.end().catch(() => undefined);
      const d = await admin();
      try {
        await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await d.end();
      }
    },
  };
}

/** `TempDb` is a fresh database with a Tidemark connection to it. */
export interface TempDb extends TempDatabase {
  readonly conn: PostgresConnection;
  cleanup(): Promise<void>;
}

/** `openTempDb` creates a database and connects to it (with `query` appended to the URL). */
export async function openTempDb(query = '', options: PostgresConnectOptions = {}): Promise<TempDb> {
  const db = await createDatabase();
  const conn = await connectPostgres(db.url(query), options);
  return {
    ...db,
    conn,
    async cleanup() {
      await conn.close();
      await db.drop();
    },
  };
}

/** `step` applies operations as a migration would: under the lock, in one transaction. */
export async function step(db: TempDb, ...operations: SchemaOperation[]): Promise<void> {
  await db.conn.withLock(() => db.conn.transaction(async () => {
    for (const o of operations) await db.conn.applier.apply(o);
  }));
}

/** `query` reads rows through Tidemark's own session. */
export async function query(db: TempDb, text: string): Promise<Record<string, unknown>[]> {
  return (await db.conn.applier.execute(text)) as Record<string, unknown>[];
}

export { op };
