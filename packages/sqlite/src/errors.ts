import { backendError, dbLockTimeout, isTidemarkError, type TidemarkError } from '@tidemark/core';

/** `SqliteErrorContext` says what Tidemark was doing when a native error happened. */
export interface SqliteErrorContext {
  readonly op?: string;
  readonly statement?: string;
}

/** `sqliteCode` returns the SQLite result code name of a native error (`SQLITE_BUSY`), if it has one. */
export function sqliteCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * `translateSqliteError` turns anything the driver throws into TM_BACKEND_ERROR with
 * `details.{op, statement, sqliteCode}` and the native error as `cause`, so no raw driver error
 * leaves the backend. A TidemarkError passes through unchanged.
 */
export function translateSqliteError(err: unknown, context: SqliteErrorContext = {}): TidemarkError {
  if (isTidemarkError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  // the busy timeout ran out waiting for another connection (the run's own BEGIN IMMEDIATE is TM_LOCK_TIMEOUT, in lock.ts)
  if (sqliteCode(err)?.startsWith('SQLITE_BUSY')) return dbLockTimeout('sqlite', message, { op: context.op, statement: context.statement, sqliteCode: sqliteCode(err) }, err);
  return backendError('sqlite', message, { op: context.op, statement: context.statement, sqliteCode: sqliteCode(err) }, err);
}
