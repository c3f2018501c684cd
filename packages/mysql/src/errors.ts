import { backendError, dbLockTimeout, isTidemarkError, tidemarkError, type TidemarkError } from '@tidemark/core';

/** `MysqlErrorContext` says what Tidemark was doing when a native error happened. */
export interface MysqlErrorContext {
  readonly op?: string | undefined;
  readonly statement?: string | undefined;
  /** The URL with its password hidden, for connection errors. */
  readonly target?: string | undefined;
}

/** The fields a mysql2 error carries. */
interface DriverError {
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly sqlState?: unknown;
  readonly sqlMessage?: unknown;
  readonly message?: unknown;
}

/** `mysqlCode` returns the driver's error code (`ER_DUP_ENTRY`, `ECONNREFUSED`), if any. */
export function mysqlCode(err: unknown): string | undefined {
  const code = (err as DriverError | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ENOENT', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT']);

/** The next step for the errors a user can act on; others get the generic hint. */
function hintFor(code: string | undefined, target: string): string | undefined {
  if (code === undefined) return undefined;
  if (UNREACHABLE.has(code)) return `start the MySQL/MariaDB server that ${target} names, or fix the host and port in the URL`;
  if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR' || code === 'ER_NOT_SUPPORTED_AUTH_MODE') return `check the user and password in the URL (${target})`;
  if (code === 'ER_BAD_DB_ERROR') return `create the database first (CREATE DATABASE …), or fix its name in the URL (${target})`;
  if (code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_TABLEACCESS_DENIED_ERROR' || code === 'ER_SPECIFIC_ACCESS_DENIED_ERROR') {
    return 'grant the user the privileges it needs on this database (CREATE, ALTER, DROP, INDEX, REFERENCES, SELECT, INSERT, UPDATE, DELETE)';
  }
  if (code === 'ER_STATEMENT_TIMEOUT' || code === 'ER_QUERY_TIMEOUT') return 'the statement ran longer than the statement timeout; raise --statement-timeout for this migration, or make the step cheaper, then run again';
  if (code === 'ER_LOCK_DEADLOCK') return 'another session holds a lock on these tables; let it finish, then run again';
  return undefined;
}

/**
 * `translateMysqlError` turns anything the driver throws into TM_BACKEND_ERROR with
 * `details.{op, statement, mysqlCode, errno, sqlState}` and the native error as `cause`, so no
 * raw driver error leaves the backend. Unreachable servers, refused logins, missing databases
 * and lock waits get a hint that says what to do. A TidemarkError passes through unchanged.
 * Driver messages never contain the password ("Access denied for user 'u'@'h' (using password: YES)").
 */
export function translateMysqlError(err: unknown, context: MysqlErrorContext = {}): TidemarkError {
  if (isTidemarkError(err)) return err;
  const e = (err ?? {}) as DriverError;
  const code = mysqlCode(err);
  const message = typeof e.sqlMessage === 'string' ? e.sqlMessage : e.message !== undefined ? String(e.message) : String(err);
  const details = {
    op: context.op,
    statement: context.statement,
    mysqlCode: code,
    errno: typeof e.errno === 'number' ? e.errno : undefined,
    sqlState: typeof e.sqlState === 'string' ? e.sqlState : undefined,
  };
  const where = context.target !== undefined ? ` (${context.target})` : '';
  // a metadata or row lock wait gave up (lock_wait_timeout / innodb_lock_wait_timeout): the statement did nothing
  if (code === 'ER_LOCK_WAIT_TIMEOUT') return dbLockTimeout('mysql', `${message}${where}`, details, err);
  const hint = hintFor(code, context.target ?? 'the URL');
  if (hint === undefined) return backendError('mysql', `${message}${where}`, details, err);
  return tidemarkError('TM_BACKEND_ERROR', { message: `mysql: ${message}${where}`, hint, details: { dialect: 'mysql', ...details }, cause: err });
}
