import { internalError, lockTimeout } from '@tidemark/core';
import { sqliteCode, translateSqliteError } from './errors.js';
import type { SqliteExecutor } from './executor.js';
import { setForeignKeys } from './foreign-key-check.js';

/** `LockOptions` name the database for messages and say how long the busy wait lasts. */
export interface LockOptions {
  readonly target: string;
  /** The connection's busy timeout, set when it was opened; reported on TM_LOCK_TIMEOUT. */
  readonly timeoutMs: number;
  /** The busy timeout while the lock is held (README: Timeouts, `--lock-timeout`); default: `timeoutMs`. */
  readonly statementLockTimeoutMs?: number;
}

/**
 * `withSqliteLock` runs `fn` holding SQLite's write lock: `BEGIN IMMEDIATE` takes the RESERVED
 * lock at once, so a second process waits in its own BEGIN IMMEDIATE (up to the busy timeout,
 * then TM_LOCK_TIMEOUT) and reads the history only after the first commits.
 *
 * Foreign keys are switched OFF before BEGIN and back ON after COMMIT, because `PRAGMA
 * foreign_keys` does nothing inside a transaction and a table rebuild's DROP TABLE would
 * otherwise fire ON DELETE CASCADE (https://www.sqlite.org/lang_altertable.html#otheralter).
 * Each migration's `transaction` verifies foreign keys with `PRAGMA foreign_key_check` instead.
 *
 * The lock MUST be released when `fn` throws: it then still COMMITs, because the migrator has
 * already rolled the failed migration back (its savepoint) and recorded the failure, which must stay.
 */
export async function withSqliteLock<T>(executor: SqliteExecutor, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  if (executor.db.inTransaction) {
    throw internalError('withLock was called inside an open transaction; foreign keys cannot be switched off there');
  }
  setForeignKeys(executor, false);
  const started = Date.now();
  try {
    executor.execSync('BEGIN IMMEDIATE');
  } catch (err) {
    setForeignKeys(executor, true);
    if (sqliteCode(err)?.startsWith('SQLITE_BUSY')) throw lockTimeout(options.target, Math.max(options.timeoutMs, Date.now() - started));
    throw translateSqliteError(err, { op: 'lock', statement: 'BEGIN IMMEDIATE' });
  }
  let result: T | undefined;
  let failure: { error: unknown } | undefined;
  // waiting for another run and waiting for a reader while we hold the lock are two settings; SQLite has one busy timeout
  // (0 means no limit, as everywhere in Tidemark; SQLite's 0 would mean "do not wait at all")
  const busy = options.statementLockTimeoutMs === 0 ? 2_147_483_647 : options.statementLockTimeoutMs;
  try {
    if (busy !== undefined) executor.execSync(`PRAGMA busy_timeout = ${Math.round(busy)}`);
    result = await fn();
  } catch (err) {
    failure = { error: err };
  } finally {
    if (busy !== undefined) executor.execSync(`PRAGMA busy_timeout = ${Math.round(options.timeoutMs)}`);
  }
  try {
    if (executor.db.inTransaction) executor.execSync('COMMIT');
  } catch (err) {
    if (executor.db.inTransaction) executor.execSync('ROLLBACK');
    failure ??= { error: translateSqliteError(err, { op: 'unlock', statement: 'COMMIT' }) };
  } finally {
    setForeignKeys(executor, true);
  }
  if (failure) throw failure.error;
  return result as T;
}
