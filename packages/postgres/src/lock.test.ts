import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { openTempDb, SKIP, type TempDb } from './__fixtures__/live-db.js';
import { connectPostgres } from './connect.js';
import { advisoryLockKey, DEFAULT_LOCK_TIMEOUT_MS, lockTimeoutFromEnv } from './lock.js';

describe('advisory lock key and timeout setting', () => {
  it('derives one signed 64-bit key per database and schema, the same every time', () => {
    const key = advisoryLockKey('shop', 'public');
    assert.equal(advisoryLockKey('shop', 'public'), key);
    assert.match(key, /^-?\d+$/);
    assert.ok(BigInt(key) >= -(2n ** 63n) && BigInt(key) < 2n ** 63n);
    assert.notEqual(advisoryLockKey('shop', 'sales'), key);
    assert.notEqual(advisoryLockKey('shop2', 'public'), key);
    // the separator keeps ('ab', 'c') and ('a', 'bc') apart
    assert.notEqual(advisoryLockKey('ab', 'c'), advisoryLockKey('a', 'bc'));
  });

  it('reads TIDEMARK_LOCK_TIMEOUT_MS', () => {
    assert.equal(lockTimeoutFromEnv({ TIDEMARK_LOCK_TIMEOUT_MS: '1500' }), 1500);
    assert.equal(lockTimeoutFromEnv({ TIDEMARK_LOCK_TIMEOUT_MS: '0' }), 0);
    assert.equal(lockTimeoutFromEnv({}), DEFAULT_LOCK_TIMEOUT_MS);
    assert.equal(lockTimeoutFromEnv({ TIDEMARK_LOCK_TIMEOUT_MS: 'soon' }), DEFAULT_LOCK_TIMEOUT_MS);
  });
});

describe('withLock serialises runs on one schema', { skip: Boolean(SKIP) }, () => {
  let db: TempDb;
  beforeEach(async () => { db = await openTempDb(); });
  afterEach(async () => db.cleanup());

  it('a second connection waits until the first releases, then sees its history', async () => {
    const other = await connectPostgres(db.url(), { lockTimeoutMs: 20_000 });
    const events: string[] = [];
    try {
      let held!: () => void;
      const holding = new Promise<void>((resolve) => { held = resolve; });
      const first = db.conn.withLock(async () => {
        events.push('first in');
        held();
        await db.conn.history.ensure();
        await sleep(700);
        await db.conn.history.save({ id: 'first', checksum: 'c', appliedAt: new Date().toISOString(), executionMs: 700, appliedBy: 'test', outcome: 'applied' });
        events.push('first out');
      });
      await holding;
      const started = Date.now();
      const seen = await other.withLock(async () => {
        events.push('second in');
        return (await other.history.list()).map((r) => r.id);
      });
      const waited = Date.now() - started;
      await first;
      assert.deepEqual(events, ['first in', 'first out', 'second in']);
      assert.deepEqual(seen, ['first'], 'the history is read after the holder released');
      assert.ok(waited >= 500, `waited ${waited} ms`);
    } finally {
      await other.close();
    }
  });

  it('gives up with TM_LOCK_TIMEOUT after the lock timeout, and works once the lock is free', async () => {
    const other = await connectPostgres(db.url(), { lockTimeoutMs: 250 });
    try {
      let release!: () => void;
      let held!: () => void;
      const holding = new Promise<void>((resolve) => { held = resolve; });
      const first = db.conn.withLock(() => new Promise<void>((resolve) => { release = resolve; held(); }));
      await holding;
      const started = Date.now();
      await assert.rejects(other.withLock(async () => assert.fail('must not run')), (err) => {
        assert.ok(isTidemarkError(err, 'TM_LOCK_TIMEOUT'));
        assert.ok((err.details.waitedMs as number) >= 250);
        assert.match(err.message, new RegExp(db.name));
        return true;
      });
      assert.ok(Date.now() - started < 5_000);
      release();
      await first;
      assert.equal(await other.withLock(async () => 'free'), 'free');
    } finally {
      await other.close();
    }
  });

  it('releases the lock when fn throws, and a nested withLock just runs', async () => {
    await assert.rejects(db.conn.withLock(async () => { throw new Error('boom'); }), /boom/);
    assert.equal(await db.conn.withLock(() => db.conn.withLock(async () => 42)), 42);
    const other = await connectPostgres(db.url(), { lockTimeoutMs: 100 });
    try {
      assert.equal(await other.withLock(async () => 'free'), 'free');
    } finally {
      await other.close();
    }
  });

  it('is released by the server when the holding session ends', async () => {
    const holder = await connectPostgres(db.url());
    let held!: () => void;
    const holding = new Promise<void>((resolve) => { held = resolve; });
    void holder.withLock(() => new Promise<void>(() => held())).catch(() => undefined);
    await holding;
    await holder.close();
    assert.equal(await db.conn.withLock(async () => 'taken'), 'taken');
  });

  it('runs on other schemas of the same database are not blocked', async () => {
    const a = await connectPostgres(db.url('?schema=a'), { lockTimeoutMs: 100 });
    const b = await connectPostgres(db.url('?schema=b'), { lockTimeoutMs: 100 });
    try {
      const both = await a.withLock(() => b.withLock(async () => 'both'));
      assert.equal(both, 'both');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
