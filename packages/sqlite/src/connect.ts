import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { backendMissing, DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutFromEnv, tidemarkError, type SessionTimeouts, type StatementListener } from '@tidemark/core';
import { SqliteConnection } from './connection.js';
import type { SqliteDatabase, SqliteDriver } from './driver.js';
import { translateSqliteError } from './errors.js';
import { parseSqliteUrl } from './url.js';


/** `SqliteConnectOptions` tune `connectSqlite`. */
export interface SqliteConnectOptions {
  /** How long to wait for another connection's lock; default TIDEMARK_LOCK_TIMEOUT_MS or 60000. */
  readonly lockTimeoutMs?: number;
  /** Relative paths resolve against this directory; default `process.cwd()`. */
  readonly cwd?: string;
  /**
   * Open the file read-only and never create it (status, dry runs, check): a missing file reads
   * as an empty database, so everything is pending, and nothing appears on disk.
   */
  readonly readOnly?: boolean;
  /**
   * `lockTimeoutMs` is the busy timeout while a run holds the lock. SQLite has no statement
   * timeout (better-sqlite3 cannot interrupt a statement), so `statementTimeoutMs` does not apply.
   */
  readonly timeouts?: SessionTimeouts;
  /** Hears every statement sent (`--verbose`). */
  readonly onStatement?: StatementListener;
}

async function loadDriver(): Promise<SqliteDriver> {
  try {
    // Imported here, not at the top, so `capabilities` and URL parsing work without the driver.
    const mod = (await import('better-sqlite3')) as unknown as { default: SqliteDriver };
    return mod.default;
  } catch (err) {
    throw backendMissing('sqlite', 'better-sqlite3', err);
  }
}

/**
 * A run killed in the middle of a transaction (SIGKILL, power loss) leaves a hot journal next to
 * the file. A read-only connection cannot roll it back, so every read fails with
 * SQLITE_READONLY_ROLLBACK ("attempt to write a readonly database"): `migrate:status` after a
 * crash would fail instead of saying where the database stands. A read-write connection rolls it
 * back on its first read, restoring the database as it was before the dead transaction (nothing
 * of this command is written). Where the file is not writable this fails quietly and the
 * read-only open reports the database's own error.
 */
function rollBackHotJournal(Driver: SqliteDriver, file: string, timeout: number): void {
  if (!existsSync(`${file}-journal`)) return;
  try {
    const rw = new Driver(file, { timeout, fileMustExist: true });
    try {
      rw.prepare('SELECT count(*) FROM sqlite_master').all();
    } finally {
      rw.close();
    }
  } catch {
    // no write access (or gone meanwhile): the read-only open below says what is wrong
  }
}

/**
 * `connectSqlite` opens the database a `sqlite:` URL names (creating the file if needed, unless
 * `readOnly`) with foreign keys enforced and a busy timeout, and returns its `BackendConnection`.
 * @example const conn = await connectSqlite('sqlite:dev.db'); try { … } finally { await conn.close(); }
 */
export async function connectSqlite(url: string, options: SqliteConnectOptions = {}): Promise<SqliteConnection> {
  const location = parseSqliteUrl(url);
  const Driver = await loadDriver();
  const lockTimeoutMs = options.lockTimeoutMs ?? lockTimeoutFromEnv(process.env);
  const path = location.kind === 'memory' ? ':memory:'
    : isAbsolute(location.path) ? location.path : resolve(options.cwd ?? process.cwd(), location.path);
  // an empty private database stands in for a file that does not exist yet
  const file = options.readOnly && path !== ':memory:' && !existsSync(path) ? ':memory:' : path;
  if (options.readOnly && file !== ':memory:') rollBackHotJournal(Driver, file, lockTimeoutMs);
  if (file !== ':memory:' && !existsSync(dirname(file))) {
    // SQLite creates the file, never its folder; its own message does not say which folder
    throw tidemarkError('TM_BACKEND_ERROR', {
      message: `sqlite: cannot create ${url}: the folder ${dirname(file)} does not exist`,
      hint: `create the folder (mkdir -p ${dirname(file)}), or fix the path in the URL`,
      details: { dialect: 'sqlite', op: 'connect', folder: dirname(file) },
    });
  }
  let db: SqliteDatabase;
  try {
    db = new Driver(file, options.readOnly && file !== ':memory:' ? { timeout: lockTimeoutMs, readonly: true, fileMustExist: true } : { timeout: lockTimeoutMs });
  } catch (err) {
    throw translateSqliteError(err, { op: 'connect' });
  }
  try {
    db.exec('PRAGMA foreign_keys = ON');
  } catch (err) {
    db.close();
    throw translateSqliteError(err, { op: 'connect', statement: 'PRAGMA foreign_keys = ON' });
  }
  return new SqliteConnection(db, {
    target: url, lockTimeoutMs,
    ...(options.timeouts?.lockTimeoutMs !== undefined ? { statementLockTimeoutMs: options.timeouts.lockTimeoutMs } : {}),
    ...(options.onStatement ? { onStatement: options.onStatement } : {}),
  });
}

// kept under this package's name too: the lock timeout is read the same way by every backend
export { DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutFromEnv };
