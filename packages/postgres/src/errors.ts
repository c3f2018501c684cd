import { dbLockTimeout, isTidemarkError, TidemarkError } from '@tidemark/core';

/** `PgErrorContext` says what Tidemark was doing when a driver error happened. */
export interface PgErrorContext {
  readonly op?: string | undefined;
  readonly statement?: string | undefined;
  /** The URL with its password hidden, for connection errors. */
  readonly target?: string | undefined;
}

/** The fields node-postgres copies from the server's ErrorResponse (all optional). */
interface PgServerError {
  readonly code?: unknown;
  readonly detail?: unknown;
  readonly hint?: unknown;
  readonly table?: unknown;
  readonly column?: unknown;
  readonly constraint?: unknown;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ENOENT']);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** `sqlState` returns the five-character SQLSTATE of a server error (`42P07`), if it is one. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as PgServerError | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function isConnectionProblem(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|timeout expired|connection timeout|not queryable|Client has encountered a connection error/i.test(message);
}

/** What to do next, by SQLSTATE class (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
function hintFor(state: string | undefined, err: unknown, context: PgErrorContext): string {
  if (state === undefined && isConnectionProblem(err)) {
    return `check that PostgreSQL runs and accepts connections at ${context.target ?? 'the URL'} (host, port, sslmode), then run again`;
  }
  switch (state) {
    case '28P01': case '28000':
      return 'check the user name and password in the URL (or PGUSER/PGPASSWORD) and the server\'s pg_hba.conf';
    case '3D000':
      return 'create the database first (createdb <name>), or fix the database name in the URL';
    case '3F000':
      return 'create the schema, or fix ?schema= in the URL';
    case '42501':
      return 'connect as a role that owns the schema, or GRANT it the privileges the migration needs';
    case '25001':
      return 'this statement cannot run inside a transaction: set `transaction: false` on the migration';
    case '57014':
      return 'the statement ran longer than the statement timeout (or was cancelled); raise --statement-timeout for this migration, or make the step cheaper, then run again';
    case '40P01':
      return 'another session held a lock too long or the statement was cancelled; run again when the database is quieter';
    case '53300': case '57P01': case '57P02': case '57P03': case '08000': case '08003': case '08006':
      return 'the server refused or dropped the connection; check it is up and accepts more connections, then run again';
  }
  if (state?.startsWith('23') || state?.startsWith('22')) {
    return 'existing rows do not fit this change; fix or remove them (db.execute(…) in an earlier step), then run again';
  }
  if (state === '42P07' || state === '42P01' || state === '42703' || state === '42704' || state === '42710') {
    return 'the database is not in the state the migrations expect; run `tidemark migrate:check --url …` to see the drift';
  }
  return 'read the database message above; fix the migration or the database, then run again';
}

/**
 * `translatePgError` turns anything node-postgres throws into TM_BACKEND_ERROR with
 * `details.{op, statement, sqlState, detail, table, column, constraint}`, a hint chosen by the
 * error's SQLSTATE class, and the native error as `cause`, so no raw driver error leaves the
 * backend. A TidemarkError passes through unchanged. Connection errors never carry the password
 * (the target is redacted; node-postgres does not repeat it).
 */
export function translatePgError(err: unknown, context: PgErrorContext = {}): TidemarkError {
  if (isTidemarkError(err)) return err;
  const e = (err ?? {}) as PgServerError;
  const state = sqlState(err);
  const message = err instanceof Error ? err.message : String(err);
  const detail = text(e.detail);
  const serverHint = text(e.hint);
  const where = state === undefined && isConnectionProblem(err) && context.target ? ` (connecting to ${context.target})` : '';
  // lock_not_available: lock_timeout (or NOWAIT) gave up; the statement did nothing, so it may be retried
  if (state === '55P03') {
    return dbLockTimeout('postgres', `${message} [SQLSTATE 55P03]`, { op: context.op, statement: context.statement, sqlState: state, table: text(e.table) }, err);
  }
  return new TidemarkError('TM_BACKEND_ERROR', {
    message: `postgres: ${message}${state ? ` [SQLSTATE ${state}]` : ''}${detail ? ` — ${detail}` : ''}${where}`,
    hint: serverHint ? `${serverHint}; ${hintFor(state, err, context)}` : hintFor(state, err, context),
    details: {
      dialect: 'postgres', op: context.op, statement: context.statement, sqlState: state,
      detail, table: text(e.table), column: text(e.column), constraint: text(e.constraint),
    },
    cause: err,
  });
}
