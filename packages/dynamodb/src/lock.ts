import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { lockTimeout, TidemarkError } from '@tidemark/core';
import { awsErrorName } from './errors.js';
import type { DynamoGateway } from './gateway.js';
import { ensureTrackingTable, LOCK_TABLE } from './tracking-tables.js';
import type { WaitOptions } from './wait.js';

/** `LOCK_ID` is the key of the one lock item: one migration run at a time per account and region. */
export const LOCK_ID = 'migrations';
/** `DEFAULT_LOCK_TTL_MS` is how long a lock item lives unless its holder renews it (every third of that). */
export const DEFAULT_LOCK_TTL_MS = 30_000;

/** `LockOptions` name the database for messages and say how long to wait and how long a lock lives. */
export interface LockOptions {
  readonly target: string;
  /** How long to wait for another run's lock before TM_LOCK_TIMEOUT. */
  readonly timeoutMs: number;
  /** How long the lock item lives without renewal; a crashed run's lock is taken over after this. */
  readonly ttlMs: number;
  readonly wait: WaitOptions;
}

function holderName(): string {
  let user = 'unknown';
  try { user = userInfo().username; } catch { /* no passwd entry in some containers */ }
  return `${user}@${hostname()} pid ${process.pid}`;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `withDynamoLock` runs `fn` holding the migration lock: an item in `_tidemark_lock` written with
 * a conditional PutItem that succeeds only when no lock item exists or the existing one has
 * expired (`attribute_not_exists(id) OR expiresAt < :now`), so exactly one run gets it and a
 * crashed run's lock is taken over once it expires. While `fn` runs, the holder renews the
 * expiry every third of the TTL (a long GSI build must not lose it). Another run waits, backing
 * off, up to `timeoutMs`, then gets TM_LOCK_TIMEOUT. The lock is released in `finally` with a
 * DeleteItem conditional on still being its owner. Expiry compares the clocks of the machines
 * involved: they must agree to well within the TTL.
 *
 * If the lock was lost meanwhile (renewal found another owner: this run stalled longer than
 * the TTL), a successful `fn` is reported as a failure, since another run may have migrated
 * at the same time.
 */
export async function withDynamoLock<T>(db: DynamoGateway, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  await ensureTrackingTable(db, LOCK_TABLE, 'id', options.wait);
  const owner = randomUUID();
  const holder = holderName();
  const started = Date.now();
  for (let delay = 50; ; delay = Math.min(delay * 1.5, 1000)) {
    const now = Date.now();
    try {
      await db.send('PutItem', {
        TableName: LOCK_TABLE,
        Item: { id: { S: LOCK_ID }, owner: { S: owner }, holder: { S: holder }, acquiredAt: { S: new Date(now).toISOString() }, expiresAt: { N: String(now + options.ttlMs) } },
        ConditionExpression: 'attribute_not_exists(#id) OR #expiresAt < :now',
        ExpressionAttributeNames: { '#id': 'id', '#expiresAt': 'expiresAt' },
        ExpressionAttributeValues: { ':now': { N: String(now) } },
      }, { op: 'lock', table: LOCK_TABLE });
      break;
    } catch (err) {
      if (awsErrorName(err) !== 'ConditionalCheckFailedException') throw err;
    }
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs) throw lockTimeout(options.target, waited);
    await sleep(Math.min(delay, options.timeoutMs - waited + 5));
  }

  let lost = false;
  const ownerCondition = { ConditionExpression: '#owner = :owner', ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':owner': { S: owner } } };
  const renew = async (): Promise<void> => {
    try {
      await db.send('UpdateItem', {
        TableName: LOCK_TABLE, Key: { id: { S: LOCK_ID } },
        UpdateExpression: 'SET #expiresAt = :expiresAt',
        ...ownerCondition,
        ExpressionAttributeNames: { ...ownerCondition.ExpressionAttributeNames, '#expiresAt': 'expiresAt' },
        ExpressionAttributeValues: { ...ownerCondition.ExpressionAttributeValues, ':expiresAt': { N: String(Date.now() + options.ttlMs) } },
      }, { op: 'lock', table: LOCK_TABLE });
    } catch (err) {
      if (awsErrorName(err) === 'ConditionalCheckFailedException') lost = true;
      // any other failure is transient: the next renewal tries again before the lock expires
    }
  };
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => { renewing = renew(); }, Math.max(100, Math.floor(options.ttlMs / 3)));
  timer.unref();

  let outcome: { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };
  try {
    outcome = { ok: true, value: await fn() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  clearInterval(timer);
  await renewing; // a renewal still in flight would otherwise find the lock released and cry "lost"
  try {
    await db.send('DeleteItem', { TableName: LOCK_TABLE, Key: { id: { S: LOCK_ID } }, ...ownerCondition }, { op: 'unlock', table: LOCK_TABLE });
  } catch (err) {
    const name = awsErrorName(err);
    if (name === 'ConditionalCheckFailedException') lost = true;
    // the lock table went away (dropAll) or the release failed: fn's own failure matters more
    else if (name !== 'ResourceNotFoundException' && outcome.ok) throw err;
  }
  if (!outcome.ok) throw outcome.error;
  if (lost) {
    throw new TidemarkError('TM_BACKEND_ERROR', {
      message: `dynamodb: the migration lock on ${options.target} expired while this run held it and another run took it over`,
      hint: 'another run may have applied migrations at the same time: run `tidemark migrate:status` and check the database before going on',
      details: { dialect: 'dynamodb', op: 'lock', table: LOCK_TABLE },
    });
  }
  return outcome.value;
}
