import { backendError, DEFAULT_LOCK_TIMEOUT_MS, lockTimeout, lockTimeoutFromEnv, shortenIdentifier } from '@tidemark/core';
import type { MysqlExecutor } from './executor.js';
import type { ServerInfo } from './server.js';


/**
 * `lockName` is the GET_LOCK name of a database's migration lock. GET_LOCK names are global to
 * the server (and at most 64 characters), so the database name is part of it: two databases on
 * one server migrate independently, two runs on one database wait for each other.
 */
export function lockName(database: string): string {
  return shortenIdentifier(`tidemark:${database}`, 64);
}

/** `LockOptions` say which lock, how long to wait, and the server (MySQL rounds the wait to seconds). */
export interface LockOptions {
  readonly database: string;
  readonly target: string;
  readonly timeoutMs: number;
  readonly server: ServerInfo;
}

/**
 * GET_LOCK's timeout is in seconds: MariaDB (10.1.2+) honours fractions, MySQL is documented
 * with whole seconds, so there a wait is rounded up rather than cut short.
 */
function timeoutSeconds(options: LockOptions): number {
  const seconds = options.timeoutMs / 1000;
  return options.server.flavor === 'mariadb' ? Number(seconds.toFixed(3)) : Math.ceil(seconds);
}

/**
 * `withMysqlLock` runs `fn` holding the database's named lock (GET_LOCK), so concurrent runs on
 * one database take turns: a second one waits up to `timeoutMs`, then fails with
 * TM_LOCK_TIMEOUT. The lock belongs to the connection's session, is released with RELEASE_LOCK
 * whether `fn` succeeds or throws, and by the server if the connection dies.
 */
export async function withMysqlLock<T>(executor: MysqlExecutor, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const name = lockName(options.database);
  const started = Date.now();
  const [row] = await executor.all<{ acquired: number | string | null }>('SELECT GET_LOCK(?, ?) AS acquired', [name, timeoutSeconds(options)]);
  const acquired = row?.acquired === null || row?.acquired === undefined ? null : Number(row.acquired);
  if (acquired === 0) throw lockTimeout(options.target, Math.max(options.timeoutMs, Date.now() - started));
  if (acquired !== 1) {
    throw backendError('mysql', `GET_LOCK('${name}') failed (returned NULL: the server refused the lock or the session was killed)`,
      { op: 'lock', statement: 'SELECT GET_LOCK(?, ?)' });
  }
  let failure: { error: unknown } | undefined;
  let result: T | undefined;
  try {
    result = await fn();
  } catch (err) {
    failure = { error: err };
  }
  try {
    await executor.all('SELECT RELEASE_LOCK(?) AS released', [name]);
  } catch (err) {
    // the server releases a dead session's locks itself; report this only when fn succeeded
    failure ??= { error: err };
  }
  if (failure) throw failure.error;
  return result as T;
}

// kept under this package's name too: the lock timeout is read the same way by every backend
export { DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutFromEnv };
