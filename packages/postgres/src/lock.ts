import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_LOCK_TIMEOUT_MS, lockTimeout, lockTimeoutFromEnv } from '@tidemark/core';
import type { PgExecutor } from './executor.js';


/** How often a waiting run asks for the lock again. */
const POLL_MS = 100;

/**
 * `advisoryLockKey` is the 64-bit advisory lock key of one database and schema: the first eight
 * bytes of a sha256, as the signed bigint `pg_advisory_lock` takes. Every Tidemark run against
 * the same schema computes the same key; other schemas of the database are not blocked.
 */
export function advisoryLockKey(database: string, schema: string): string {
  const digest = createHash('sha256').update(`tidemark\0${database}\0${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/** `LockOptions` say which key to take, for how long to wait, and what to call the database in messages. */
export interface LockOptions {
  readonly key: string;
  readonly timeoutMs: number;
  readonly target: string;
}

/**
 * `withAdvisoryLock` runs `fn` holding a session-level advisory lock
 * (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS): it asks with
 * `pg_try_advisory_lock` every 100 ms until `timeoutMs` has passed, then throws TM_LOCK_TIMEOUT.
 * Session-level, so it spans the migrations' own transactions and survives their rollback; it
 * is released when `fn` ends, however it ends, and by the server if the connection drops.
 */
export async function withAdvisoryLock<T>(executor: PgExecutor, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    const [row] = await executor.all<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [options.key]);
    if (row?.locked) break;
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs) throw lockTimeout(options.target, waited);
    await sleep(Math.min(POLL_MS, options.timeoutMs - waited));
  }
  const unlock = (): Promise<void> => executor.run('SELECT pg_advisory_unlock($1::bigint)', { op: 'unlock', params: [options.key] });
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    // fn's error is the one to report; if unlocking fails too, the connection is gone with the lock
    await unlock().catch(() => undefined);
    throw err;
  }
  await unlock();
  return result;
}

// kept under this package's name too: the lock timeout is read the same way by every backend
export { DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutFromEnv };
