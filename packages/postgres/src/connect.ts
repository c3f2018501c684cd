import { backendMissing, type SessionTimeouts, type StatementListener } from '@tidemark/core';
import { PostgresConnection } from './connection.js';
import { quoteIdentifier } from '@tidemark/sql/postgres';
import type { PgClient, PgDriver, PgTypeParsers } from './driver.js';
import { translatePgError } from './errors.js';
import { PgExecutor } from './executor.js';
import { advisoryLockKey, lockTimeoutFromEnv } from './lock.js';
import { parsePostgresUrl } from './url.js';

/** `PostgresConnectOptions` tune `connectPostgres`. */
export interface PostgresConnectOptions {
  /** How long to wait for another run's lock; default TIDEMARK_LOCK_TIMEOUT_MS or 60000. */
  readonly lockTimeoutMs?: number;
  /** A read-only command: a missing schema is not created (it reads as empty, as a missing SQLite file does). */
  readonly readOnly?: boolean;
  /** `lock_timeout` and `statement_timeout` of the session (README: Timeouts). */
  readonly timeouts?: SessionTimeouts;
  /** Hears every statement sent (`--verbose`). */
  readonly onStatement?: StatementListener;
}

const INT8_OID = 20;

async function loadDriver(): Promise<PgDriver> {
  try {
    // Imported here, not at the top, so `capabilities` and URL parsing work without the driver.
    const mod = (await import('pg')) as unknown as { default: PgDriver };
    return mod.default;
  } catch (err) {
    throw backendMissing('postgres', 'pg', err);
  }
}

/**
 * bigint values (and count(*)) come back as numbers when they fit a JavaScript number exactly,
 * and as decimal text when they do not, never silently rounded; other types as pg reads them.
 */
function typeParsers(driver: PgDriver): PgTypeParsers {
  return {
    getTypeParser(oid: number, format?: string) {
      if (oid === INT8_OID && format !== 'binary') {
        return (value: string) => {
          const n = Number(value);
          return Number.isSafeInteger(n) ? n : value;
        };
      }
      return driver.types.getTypeParser(oid, format);
    },
  };
}

/** Session settings that make every statement mean the same on every server (see `prepareSession`). */
export const SESSION_SETTINGS = "SET standard_conforming_strings = on; SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'";

/**
 * The session settings every statement relies on: backslashes in literals are plain characters;
 * timestamps convert to and from text, and to dates, in UTC and ISO format whatever the server's
 * defaults (a type change must not depend on where it runs); the managed schema exists and is the
 * only one unqualified names resolve to.
 */
async function prepareSession(executor: PgExecutor, schema: string, timeouts: SessionTimeouts, readOnly: boolean): Promise<string> {
  await executor.run(SESSION_SETTINGS, { op: 'connect' });
  const limits = timeoutSettings(timeouts);
  if (limits) await executor.run(limits, { op: 'connect' });
  const [found] = await executor.all<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present', [schema]);
  if (!found?.present && !readOnly) await executor.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`, { op: 'connect' });
  await executor.run(`SET search_path TO ${quoteIdentifier(schema)}`, { op: 'connect' });
  const [db] = await executor.all<{ name: string }>('SELECT current_database() AS name');
  return db!.name;
}

/**
 * `timeoutSettings` maps the session timeouts onto PostgreSQL's own (for this session only):
 * `lock_timeout` bounds each wait for a table lock, `statement_timeout` each statement (DDL and
 * data alike); 0 means no limit, as in PostgreSQL.
 */
export function timeoutSettings(timeouts: SessionTimeouts): string | undefined {
  const set: string[] = [];
  if (timeouts.lockTimeoutMs !== undefined) set.push(`SET lock_timeout = ${Math.round(timeouts.lockTimeoutMs)}`);
  if (timeouts.statementTimeoutMs !== undefined) set.push(`SET statement_timeout = ${Math.round(timeouts.statementTimeoutMs)}`);
  return set.length > 0 ? set.join('; ') : undefined;
}

/**
 * `connectPostgres` opens a session on the database a `postgres://` URL names, prepared for
 * Tidemark (see `prepareSession`), and returns its `BackendConnection`.
 * @example const conn = await connectPostgres('postgres://app@localhost/shop'); try { … } finally { await conn.close(); }
 */
export async function connectPostgres(url: string, options: PostgresConnectOptions = {}): Promise<PostgresConnection> {
  const location = parsePostgresUrl(url);
  const driver = await loadDriver();
  let client: PgClient;
  try {
    client = new driver.Client({ ...location.client, types: typeParsers(driver) });
  } catch (err) {
    throw translatePgError(err, { op: 'connect', target: location.target });
  }
  // A dropped connection is reported by the next query; without a listener it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw translatePgError(err, { op: 'connect', target: location.target });
  }
  const executor = new PgExecutor(client, options.onStatement);
  let database: string;
  try {
    database = await prepareSession(executor, location.schema, options.timeouts ?? {}, Boolean(options.readOnly));
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return new PostgresConnection(client, executor, {
    target: location.target,
    schema: location.schema,
    isLocal: location.isLocal,
    lockKey: advisoryLockKey(database, location.schema),
    lockTimeoutMs: options.lockTimeoutMs ?? lockTimeoutFromEnv(process.env),
  });
}
