import { DEFAULT_LOCK_RETRIES, isTidemarkError, lockRetryDelayMs, TidemarkError } from '@tidemark/core';

/** `LockRetryPolicy` says how often a lock timeout is retried, and how to wait between tries. */
export interface LockRetryPolicy {
  /** Retries after the first try (default DEFAULT_LOCK_RETRIES); 0 never retries. */
  readonly retries?: number;
  /** Waits before retry `attempt` (1-based); default `lockRetryDelayMs`. Tests shorten it. */
  readonly delayMs?: (attempt: number) => number;
}

/** What a retry reports: which retry, after how long, and the lock timeout that caused it. */
export interface LockRetry {
  readonly attempt: number;
  readonly retries: number;
  readonly delayMs: number;
  readonly error: TidemarkError;
}

/** `isDbLockTimeout` tells whether a statement gave up waiting for another session's lock. */
export function isDbLockTimeout(err: unknown): err is TidemarkError {
  return isTidemarkError(err, 'TM_DB_LOCK_TIMEOUT');
}

/**
 * `retryOnLockTimeout` runs `attempt`, and runs it again after a growing pause when it fails with
 * a lock timeout and `safeToRetry` says nothing of it stayed (pgroll and Atlas do the same: a
 * short lock wait, tried a few times, instead of one long wait that queues every query behind
 * it). Any other error, or the last lock timeout, is thrown; the last one says how many tries it took.
 */
export async function retryOnLockTimeout<T>(policy: LockRetryPolicy, attempt: () => Promise<T>,
  safeToRetry: (err: TidemarkError) => Promise<boolean>, onRetry: (retry: LockRetry) => void): Promise<T> {
  const retries = policy.retries ?? DEFAULT_LOCK_RETRIES;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isDbLockTimeout(err)) throw err;
      if (n > retries || !(await safeToRetry(err))) throw n > 1 ? gaveUp(err, n) : err;
      const delayMs = (policy.delayMs ?? lockRetryDelayMs)(n);
      onRetry({ attempt: n, retries, delayMs, error: err });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

function gaveUp(err: TidemarkError, tries: number): TidemarkError {
  return new TidemarkError(err.code, {
    message: `${err.message} (gave up after ${tries} tries)`, hint: err.hint,
    details: { ...err.details, tries }, cause: err.cause ?? err,
  });
}
