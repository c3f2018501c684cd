/**
 * `SessionTimeouts` bound how long one statement may wait or run on the database, each mapped by
 * the backend to its own mechanism (README: Timeouts). They are not the wait for another
 * Tidemark run's lock (`lockTimeoutFromEnv`, TIDEMARK_LOCK_TIMEOUT_MS).
 */
export interface SessionTimeouts {
  /**
   * The longest one statement waits for a lock another session holds on a table (PostgreSQL
   * `lock_timeout`, MySQL `lock_wait_timeout` and `innodb_lock_wait_timeout`, SQLite's busy
   * timeout while the run holds its lock). 0 waits for ever.
   */
  readonly lockTimeoutMs?: number;
  /**
   * The longest one statement runs (PostgreSQL `statement_timeout`, MariaDB `max_statement_time`,
   * MySQL `max_execution_time`, which covers read-only SELECTs only; MongoDB `maxTimeMS`). 0 = no limit.
   */
  readonly statementTimeoutMs?: number;
}

/**
 * Short on purpose: while an `ALTER TABLE` waits for its lock, every later query on that table
 * queues behind it, so a long wait is an outage (pgroll defaults to 500 ms). A lock timeout is
 * retried (`DEFAULT_LOCK_RETRIES`), so a brief transaction in the way costs a few seconds, and a
 * stuck one fails the run in well under a minute instead of blocking production.
 */
export const DEFAULT_DB_LOCK_TIMEOUT_MS = 5_000;

/** How many times a migration (or a re-runnable step) that met a lock timeout is tried again. */
export const DEFAULT_LOCK_RETRIES = 2;

/**
 * `lockRetryDelayMs` is the pause before retry number `attempt` (1-based): 500 ms, 1 s, 2 s, …
 * up to 10 s, so the transaction in the way has time to finish and we do not hammer the table.
 */
export function lockRetryDelayMs(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), 10_000);
}
