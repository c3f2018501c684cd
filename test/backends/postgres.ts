import pg from 'pg';
import { shortenIdentifier } from '@tidemark/core';
import { capabilities, postgresBackend } from '@tidemark/postgres';
import type { BackendHarness, Row } from './harness.js';

const BASE_URL = process.env.TIDEMARK_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Names as the backend stores them: quoted, and shortened to 63 bytes as its dialect does.
const quote = (name: string): string => `"${shortenIdentifier(name, capabilities.maxIdentifierLength).replace(/"/g, '""')}"`;

let counter = 0;

/** The base URL pointing at another database, keeping user, host and parameters (e.g. ?schema=). */
function urlFor(database: string): string {
  const url = new URL(BASE_URL);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

const OID = { int8: 20, numeric: 1700, date: 1082, json: 114, jsonb: 3802 } as const;
const RAW = new Set<number>(Object.values(OID));
/** Arrays whose elements pg leaves as text (bigint[], numeric[]): read as exact numbers, as their scalars are. */
const NUMBER_ARRAYS = { int8: 1016, numeric: 1231 } as const;

/** A client on `url` that leaves numbers, dates and JSON as their text, for `plain` to normalise. */
async function client(url: string, timeoutMs = 10_000): Promise<pg.Client> {
  const c = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    types: { getTypeParser: ((oid: number, format?: string) => (RAW.has(oid) ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  });
  c.on('error', () => undefined);
  await c.connect();
  // a timestamp written without a zone means UTC, as the suites expect of every backend
  await c.query("SET TIME ZONE 'UTC'");
  return c;
}

/** `exactNumber` reads decimal text as a number when the number says exactly the same ('5.00' → 5), else keeps the text. */
function exactNumber(text: string): number | string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  const canonical = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return String(n) === canonical.replace(/^-0$/, '0') ? n : text;
}

/**
 * Values as the conformance and evolution suites compare them (test/evolution/rows.ts): numbers
 * for every number type (bigint and numeric when exact), booleans, and text for the rest — dates
 * as YYYY-MM-DD, timestamps as ISO-8601, JSON as compact JSON text, bytes as the UTF-8 text they
 * were written from.
 */
function plain(value: unknown, oid: number | undefined): Row[string] {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && (oid === OID.int8 || oid === OID.numeric)) return exactNumber(value);
  if (typeof value === 'string' && (oid === OID.json || oid === OID.jsonb)) return JSON.stringify(JSON.parse(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  // a native array reads as the JSON list text the JSON-backed backends store (numbers exact, dates ISO)
  if (Array.isArray(value)) return JSON.stringify(value.map((e: unknown) => (typeof e === 'string' && (oid === NUMBER_ARRAYS.int8 || oid === NUMBER_ARRAYS.numeric) ? exactNumber(e) : e instanceof Date ? e.toISOString() : e)));
  return String(value);
}

function parseRows(result: pg.QueryResult): Row[] {
  const oids = new Map(result.fields.map((f) => [f.name, f.dataTypeID]));
  return result.rows.map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v, oids.get(k))])));
}

/**
 * `postgresHarness` runs the conformance suite on a fresh database per test, created on the
 * server of TIDEMARK_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) and dropped
 * afterwards.
 */
export const postgresHarness: BackendHarness = {
  name: 'postgres',
  capabilities,
  async unreachable() {
    let c: pg.Client | undefined;
    try {
      c = await client(BASE_URL, 2000);
      await c.query('SELECT 1');
      return undefined;
    } catch (err) {
      return `cannot reach PostgreSQL at ${BASE_URL.replace(/:[^:@/]*@/, ':***@')} (${(err as Error).message}); start it `
        + '(pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set TIDEMARK_POSTGRES_URL to a server where this user may CREATE DATABASE';
    } finally {
      await c?.end().catch(() => undefined);
    }
  },
  async create() {
    const name = `tidemark_t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await client(BASE_URL);
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const url = urlFor(name);
    const connection = await postgresBackend.connect(url);
    const data = await client(url);
    // rows go in through a separate session with parameters, as an application would write them;
    // the schema of ?schema= is where Tidemark put the tables
    const schema = new URL(url).searchParams.get('schema');
    if (schema) await data.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
    const reader = `${name}_ro`;
    let readerMade = false;
    return {
      url,
      connection,
      async insert(table, rows) {
        for (const row of rows) {
          const cols = Object.keys(row);
          await data.query(
            `INSERT INTO ${quote(table)} (${cols.map(quote).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
            cols.map((c) => row[c]),
          );
        }
      },
      async select(table, columns, orderBy) {
        const result = await data.query(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} ORDER BY ${quote(orderBy)}`);
        return parseRows(result);
      },
      async count(table) {
        const result = await data.query(`SELECT count(*)::integer AS n FROM ${quote(table)}`);
        return result.rows[0].n as number;
      },
      async clear(tables) {
        // TRUNCATE … CASCADE empties the tables whatever references them, in any order
        if (tables.length > 0) await data.query(`TRUNCATE ${tables.map(quote).join(', ')} CASCADE`);
      },
      async tables() {
        const result = await data.query('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename');
        return result.rows.map((r: { tablename: string }) => r.tablename);
      },
      async readOnly() {
        // a login role that may connect, see the schema and SELECT: no CREATE anywhere (PUBLIC's
        // CREATE on the schema and TEMP on the database are revoked in case the server grants them)
        const schemaName = (await data.query('SELECT current_schema() AS s')).rows[0].s as string;
        const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
        await data.query(`CREATE ROLE ${q(reader)} LOGIN`);
        readerMade = true;
        for (const sql of [
          `REVOKE ALL ON DATABASE ${q(name)} FROM PUBLIC`,
          `REVOKE CREATE ON SCHEMA ${q(schemaName)} FROM PUBLIC`,
          `GRANT CONNECT ON DATABASE ${q(name)} TO ${q(reader)}`,
          `GRANT USAGE ON SCHEMA ${q(schemaName)} TO ${q(reader)}`,
          `GRANT SELECT ON ALL TABLES IN SCHEMA ${q(schemaName)} TO ${q(reader)}`,
        ]) await data.query(sql);
        const u = new URL(url);
        u.username = reader;
        u.password = '';
        return { url: u.toString() };
      },
      async dispose() {
        await data.end().catch(() => undefined);
        await connection.close();
        const drop = await client(BASE_URL);
        try {
          await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          // roles belong to the server, not the database: after the database is gone it owns nothing
          if (readerMade) await drop.query(`DROP ROLE IF EXISTS "${reader}"`);
        } finally {
          await drop.end();
        }
      },
    };
  },
};
