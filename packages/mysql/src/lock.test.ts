import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { lockName, lockTimeoutFromEnv } from './lock.js';
import { openLiveDb, skipReason, type LiveDb } from './__fixtures__/live.js';

const skip = await skipReason();

describe('lockTimeoutFromEnv and lockName', () => {
  it('reads TIDEMARK_LOCK_TIMEOUT_MS, falling back on 60 s', () => {
    assert.equal(lockTimeoutFromEnv({ TIDEMARK_LOCK_TIMEOUT_MS: '250' }), 250);
    assert.equal(lockTimeoutFromEnv({ TIDEMARK_LOCK_TIMEOUT_MS: 'soon' }), 60_000);
    assert.equal(lockTimeoutFromEnv({}), 60_000);
  });
  it('names the lock after the database, within GET_LOCK’s 64 characters', () => {
    assert.equal(lockName('shop'), 'tidemark:shop');
    assert.notEqual(lockName('a'.repeat(70)), lockName(`${'a'.repeat(69)}b`));
    assert.ok(lockName('a'.repeat(70)).length <= 64);
  });
});

describe('withLock serialises runs on one database (GET_LOCK)', { skip: Boolean(skip) }, () => {
  let db: LiveDb;
  beforeEach(async () => { db = await openLiveDb(); });
  afterEach(async () => db.cleanup());

  it('a second connection waits until the first releases the lock, then sees its history', async () => {
    const second = await db.connect({ lockTimeoutMs: 20_000 });
    const order: string[] = [];
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => { entered = resolve; });
    const first = db.conn.withLock(async () => {
      entered();
      order.push('first in');
      await db.conn.history.save({ id: 'first', checksum: 'c', appliedAt: new Date().toISOString(), executionMs: 1, appliedBy: 't', outcome: 'applied' });
      await sleep(700);
      order.push('first out');
    });
    await holding;
    const started = Date.now();
    const seen = await second.withLock(async () => {
      order.push('second in');
      return (await second.history.list()).map((r) => r.id);
    });
    await first;
    assert.deepEqual(order, ['first in', 'first out', 'second in']);
    assert.deepEqual(seen, ['first']);
    assert.ok(Date.now() - started >= 400, `waited ${Date.now() - started} ms`);
  });

  it('gives up with TM_LOCK_TIMEOUT, running nothing, and the lock is free again once released', async () => {
    const impatient = await db.connect({ lockTimeoutMs: 300 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => { entered = resolve; });
    const first = db.conn.withLock(async () => { entered(); await held; });
    await holding;
    const started = Date.now();
    await assert.rejects(impatient.withLock(async () => assert.fail('must not run')),
      (err) => isTidemarkError(err, 'TM_LOCK_TIMEOUT') && /could not take the migration lock/.test(err.message) && err.hint.length > 0);
    assert.ok(Date.now() - started >= 250, `gave up after ${Date.now() - started} ms`);
    release();
    await first;
    assert.equal(await impatient.withLock(async () => 'ran'), 'ran');
  });

  it('releases the lock when fn throws, and other databases are not blocked', async () => {
    await assert.rejects(db.conn.withLock(async () => { throw new Error('boom'); }), /boom/);
    const other = await db.connect({ lockTimeoutMs: 300 });
    assert.equal(await other.withLock(async () => 'free'), 'free');
    const elsewhere = await openLiveDb({ lockTimeoutMs: 300 });
    try {
      await db.conn.withLock(async () => {
        assert.equal(await elsewhere.conn.withLock(async () => 'independent'), 'independent');
      });
    } finally {
      await elsewhere.cleanup();
    }
  });
});
