import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { connectDynamoDb, lockTimeoutFromEnv, DEFAULT_LOCK_TIMEOUT_MS } from './connect.js';
import type { DynamoConnection } from './connection.js';
import { liveSkip, openLocal } from './__fixtures__/local.js';
import { LOCK_ID } from './lock.js';
import { LOCK_TABLE } from './tracking-tables.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let conn: DynamoConnection;
let url: string;
const others: DynamoConnection[] = [];
const other = async (options: Parameters<typeof connectDynamoDb>[1] = {}) => {
  const c = await connectDynamoDb(url, options);
  others.push(c);
  return c;
};

describe('withLock: one run at a time, through a lock item', { skip: Boolean(liveSkip()) }, () => {
  beforeEach(async () => { ({ conn, url } = await openLocal()); });
  afterEach(async () => {
    await conn.close();
    for (const c of others.splice(0)) await c.close();
  });

  it('two connections serialise: the second waits until the first lets go', async () => {
    const second = await other({ lockTimeoutMs: 10_000 });
    const log: string[] = [];
    let firstHasIt!: () => void;
    const entered = new Promise<void>((resolve) => { firstHasIt = resolve; });
    const first = conn.withLock(async () => {
      log.push('first in');
      firstHasIt();
      await sleep(600);
      log.push('first out');
    });
    await entered;
    const started = Date.now();
    await second.withLock(async () => { log.push('second in'); });
    await first;
    assert.deepEqual(log, ['first in', 'first out', 'second in']);
    assert.ok(Date.now() - started >= 400, 'the second run waited');
  });

  it('gives up with TM_LOCK_TIMEOUT while another run holds the lock', async () => {
    const second = await other({ lockTimeoutMs: 300 });
    await conn.withLock(async () => {
      await assert.rejects(second.withLock(async () => assert.fail('must not run')), (err) => isTidemarkError(err, 'TM_LOCK_TIMEOUT'));
    });
  });

  it('an expired lock (a crashed run) is taken over', async () => {
    await conn.history.ensure(); // any call that makes the tables; the lock table is made by withLock below
    await conn.withLock(async () => undefined);
    await conn.applier.execute({
      command: 'PutItem',
      input: { TableName: LOCK_TABLE, Item: { id: { S: LOCK_ID }, owner: { S: 'crashed' }, holder: { S: 'someone@elsewhere' }, expiresAt: { N: String(Date.now() - 1000) } } },
    });
    const second = await other({ lockTimeoutMs: 500 });
    assert.equal(await second.withLock(async () => 'taken over'), 'taken over');
    // while it is not expired, nobody gets it
    await conn.applier.execute({
      command: 'PutItem',
      input: { TableName: LOCK_TABLE, Item: { id: { S: LOCK_ID }, owner: { S: 'alive' }, holder: { S: 'someone@elsewhere' }, expiresAt: { N: String(Date.now() + 60_000) } } },
    });
    await assert.rejects(second.withLock(async () => 'no'), (err) => isTidemarkError(err, 'TM_LOCK_TIMEOUT'));
  });

  it('a holder renews its lock while it works longer than the lock lives', async () => {
    const holder = await other({ lockTtlMs: 600 });
    const waiter = await other({ lockTimeoutMs: 300 });
    await holder.withLock(async () => {
      await sleep(1200); // twice the TTL: without renewal the lock would have expired
      await assert.rejects(waiter.withLock(async () => 'no'), (err) => isTidemarkError(err, 'TM_LOCK_TIMEOUT'));
    });
    assert.equal(await waiter.withLock(async () => 'free'), 'free');
  });

  it('is released when fn throws; a nested withLock just runs', async () => {
    await assert.rejects(conn.withLock(async () => { throw new Error('boom'); }), /boom/);
    assert.equal(await conn.withLock(() => conn.withLock(async () => 42)), 42);
    const second = await other({ lockTimeoutMs: 200 });
    assert.equal(await second.withLock(async () => 'free'), 'free');
  });

  it('reads TIDEMARK_LOCK_TIMEOUT_MS', () => {
    assert.equal(lockTimeoutFromEnv({ TIDEMARK_LOCK_TIMEOUT_MS: '1500' }), 1500);
    assert.equal(lockTimeoutFromEnv({}), DEFAULT_LOCK_TIMEOUT_MS);
    assert.equal(lockTimeoutFromEnv({ TIDEMARK_LOCK_TIMEOUT_MS: 'soon' }), DEFAULT_LOCK_TIMEOUT_MS);
  });
});
