import { backendError, lockTimeout, TidemarkError } from '@tidemark/core';
import type { MongoCommandRunner } from './command-runner.js';
import { isDocument, type Document } from './document.js';
import { LOCK_COLLECTION } from './names.js';
import { runCommand } from './run-command.js';

/** `LOCK_ID` is the `_id` of the one lock document per database. */
export const LOCK_ID = 'migrations';

/** `MongoLockOptions` tune the lock; the clock and sleep are injectable for tests. */
export interface MongoLockOptions {
  /** The URL with its password hidden, for messages. */
  readonly target: string;
  /** How long to wait for another run's lock before TM_LOCK_TIMEOUT. */
  readonly timeoutMs: number;
  /** How long a taken lock lasts without renewal; a crashed run's lock expires after it. */
  readonly leaseMs: number;
  /** How long to wait between two attempts. */
  readonly pollMs: number;
  /** Who holds it, for the other run's message (user@host pid …). */
  readonly owner: string;
  /** A new unique token for each acquisition. */
  readonly token: () => string;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * `acquireCommand` takes the lock in one atomic `findAndModify`: an upsert of the lock document
 * whose update pipeline keeps the document as it is while its `expiresAt` is in the future (held)
 * and otherwise writes ours (free, or expired: a crashed run's lock is taken over). Times come
 * from the server's clock (`$$NOW`), so clocks of different machines do not matter. The reply's
 * document says who holds the lock now: ours if its token is our token.
 */
export function acquireCommand(token: string, owner: string, leaseMs: number): Document {
  return {
    findAndModify: LOCK_COLLECTION,
    query: { _id: LOCK_ID },
    update: [{
      $replaceWith: {
        $cond: {
          if: { $gt: ['$expiresAt', '$$NOW'] },
          then: '$$ROOT',
          else: { _id: LOCK_ID, token: { $literal: token }, owner: { $literal: owner }, acquiredAt: '$$NOW', expiresAt: { $add: ['$$NOW', leaseMs] } },
        },
      },
    }],
    upsert: true,
    new: true,
  };
}

/** `renewCommand` extends our lease, if the lock is still ours. */
export function renewCommand(token: string, leaseMs: number): Document {
  return { update: LOCK_COLLECTION, updates: [{ q: { _id: LOCK_ID, token }, u: [{ $set: { expiresAt: { $add: ['$$NOW', leaseMs] } } }] }] };
}

/** `releaseCommand` deletes the lock document, if it is still ours. */
export function releaseCommand(token: string): Document {
  return { delete: LOCK_COLLECTION, deletes: [{ q: { _id: LOCK_ID, token }, limit: 1 }] };
}

const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `withMongoLock` runs `fn` holding the database's migration lock, so two runs never apply the
 * same migration: it retries the atomic acquisition every `pollMs` until `timeoutMs` has passed
 * (then TM_LOCK_TIMEOUT naming the holder), renews the lease every third of it while `fn` runs
 * (a long back-fill must not lose the lock), and always releases it, also when `fn` throws.
 * Should a renewal find the lock taken over (this process stalled past its lease), the run
 * fails afterwards with TM_BACKEND_ERROR instead of reporting success.
 */
export async function withMongoLock<T>(runner: MongoCommandRunner, options: MongoLockOptions, fn: () => Promise<T>): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepMs;
  const token = options.token();
  const started = now();
  for (;;) {
    const reply = await runCommand(runner, acquireCommand(token, options.owner, options.leaseMs), { op: 'lock' });
    const holder = isDocument(reply.value) ? reply.value : {};
    if (holder.token === token) break;
    const waited = now() - started;
    if (waited >= options.timeoutMs) {
      const base = lockTimeout(options.target, waited);
      throw new TidemarkError(base.code, {
        message: `${base.message} (held by ${String(holder.owner ?? 'another run')} since ${JSON.stringify(holder.acquiredAt ?? null)})`,
        hint: `${base.hint}; a lock whose run crashed expires ${Math.round(options.leaseMs / 1000)} s after its last renewal`,
        details: { ...base.details, owner: holder.owner, acquiredAt: holder.acquiredAt, expiresAt: holder.expiresAt },
      });
    }
    await sleep(Math.min(options.pollMs, options.timeoutMs - waited));
  }
  let lost = false;
  const renew = async (): Promise<void> => {
    try {
      const reply = await runCommand(runner, renewCommand(token, options.leaseMs), { op: 'lock' });
      if (reply.n === 0) lost = true;
    } catch {
      // a failed renewal is retried on the next tick; the lease covers two misses
    }
  };
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => { renewing = renew(); }, Math.max(1, Math.floor(options.leaseMs / 3)));
  timer.unref();
  let result: T | undefined;
  let failure: { error: unknown } | undefined;
  try {
    result = await fn();
  } catch (err) {
    failure = { error: err };
  }
  clearInterval(timer);
  await renewing; // a renewal still in flight must not see our own release as a takeover
  try {
    await runCommand(runner, releaseCommand(token), { op: 'unlock' });
  } catch (err) {
    failure ??= { error: err }; // the run's own error matters more than the release's
  }
  if (failure) throw failure.error;
  if (lost) {
    throw backendError('mongodb', `the migration lock on ${options.target} expired while this run held it and another run may have taken it`,
      { op: 'lock', leaseMs: options.leaseMs });
  }
  return result as T;
}
