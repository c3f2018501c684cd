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

// core has no Node or DOM types; every runtime Tidemark supports has this global (sub-millisecond clock)
declare const performance: { now(): number };

/** `StatementTrace` is one statement or command as it was sent, for `--verbose`. */
export interface StatementTrace {
  /** The statement, command document or request as text; parameter values are never included. */
  readonly statement: string;
  /** How many parameters were bound (their values are not shown: they may be personal data). */
  readonly params?: number;
  readonly ms: number;
  /** Whether it failed (its error is reported as usual). */
  readonly failed?: boolean;
}

/** `StatementListener` hears every statement a connection sends (README: --verbose). */
export type StatementListener = (trace: StatementTrace) => void;

/**
 * `traced` runs `send` and reports it to `listener` with its duration, failed or not; without a
 * listener it only runs it. One home for timing, so every backend reports the same way.
 */
export async function traced<T>(listener: StatementListener | undefined, statement: () => string, params: number, send: () => Promise<T>): Promise<T> {
  if (!listener) return send();
  const started = performance.now();
  try {
    const result = await send();
    listener({ statement: statement(), ...(params > 0 ? { params } : {}), ms: performance.now() - started });
    return result;
  } catch (err) {
    listener({ statement: statement(), ...(params > 0 ? { params } : {}), ms: performance.now() - started, failed: true });
    throw err;
  }
}

/** `tracedSync` is `traced` for a synchronous driver (better-sqlite3). */
export function tracedSync<T>(listener: StatementListener | undefined, statement: string, params: number, send: () => T): T {
  if (!listener) return send();
  const started = performance.now();
  try {
    const result = send();
    listener({ statement, ...(params > 0 ? { params } : {}), ms: performance.now() - started });
    return result;
  } catch (err) {
    listener({ statement, ...(params > 0 ? { params } : {}), ms: performance.now() - started, failed: true });
    throw err;
  }
}
