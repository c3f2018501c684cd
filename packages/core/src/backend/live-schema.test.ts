import assert from 'node:assert/strict';
import { test } from 'vitest';
import { op } from '../operation/op.js';
import { applyOperation } from '../operation/apply-operation.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SchemaSnapshot } from '../snapshot/schema-snapshot.js';
import { LiveSchema, type NativeLock } from './live-schema.js';

const empty: SchemaSnapshot = { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables: [] };
const createT = op.createTable({ name: 't', columns: [{ name: 'a', type: 'i32' }], primaryKey: ['a'], indexes: [] });
const createU = op.createTable({ name: 'u', columns: [{ name: 'a', type: 'i32' }], primaryKey: ['a'], indexes: [] });

/** A fake database: its schema, a counter of introspections, and a lock that records its edges. */
function fake() {
  const db = { schema: empty, introspections: 0, events: [] as string[], drops: 0 };
  const live = new LiveSchema({
    introspect: async () => { db.introspections += 1; return db.schema; },
    onDrop: () => { db.drops += 1; },
  });
  const lock: NativeLock = async (body) => {
    db.events.push('acquire');
    try { return await body(); } finally { db.events.push('release'); }
  };
  /** Applies `operation` to the fake database through the cache, as a backend's applier does. */
  const apply = (operation: typeof createT, fail = false) => live.change(operation, async (before) => {
    if (fail) throw new Error('boom');
    db.schema = applyOperation(before, operation);
  });
  return { db, live, lock, apply };
}

test('under the lock the schema is read once and kept current with applyOperation', async () => {
  const { db, live, lock, apply } = fake();
  await live.withLock(lock, async () => {
    await apply(createT);
    await apply(createU);
    assert.deepEqual((await live.read()).tables.map((t) => t.name), ['t', 'u']);
  });
  assert.equal(db.introspections, 1);
});

test('outside the lock every read introspects and nothing is kept', async () => {
  const { db, live, apply } = fake();
  await apply(createT);
  await live.read();
  await live.read();
  assert.equal(db.introspections, 3);
  assert.equal(live.cached, false);
});

test('a failed operation drops the cache and rethrows; the next read introspects', async () => {
  const { db, live, lock, apply } = fake();
  await live.withLock(lock, async () => {
    await apply(createT);
    await assert.rejects(apply(createU, true), /boom/);
    assert.equal(live.cached, false);
    await live.read();
  });
  assert.equal(db.introspections, 2);
});

test('a native statement drops the cache before and after it runs', async () => {
  const { db, live, lock } = fake();
  await live.withLock(lock, async () => {
    await live.read();
    const seen = await live.native(async () => live.cached);
    assert.equal(seen, false);
    db.schema = applyOperation(db.schema, createT); // what the hand-written statement did
    assert.deepEqual((await live.read()).tables.map((t) => t.name), ['t']);
  });
  assert.equal(db.introspections, 2);
});

test('a rolled-back transaction drops the cache; a committed one keeps it', async () => {
  const { db, live, lock, apply } = fake();
  const rollingBack = async <T>(body: () => Promise<T>): Promise<T> => {
    const saved = db.schema;
    try { return await body(); } catch (err) { db.schema = saved; throw err; }
  };
  await live.withLock(lock, async () => {
    await live.atomically(rollingBack, () => apply(createT));
    assert.equal(live.cached, true);
    await assert.rejects(live.atomically(rollingBack, async () => { await apply(createU); throw new Error('later step'); }), /later step/);
    assert.equal(live.cached, false);
    assert.deepEqual((await live.read()).tables.map((t) => t.name), ['t']);
  });
  assert.equal(db.introspections, 2);
});

test('the lock flag flips after the lock is acquired and before it is released; the cache is dropped at both edges', async () => {
  const { db, live } = fake();
  const seen: string[] = [];
  const lock: NativeLock = async (body) => {
    seen.push(`acquire held=${live.lockHeld}`);
    try { return await body(); } finally { seen.push(`release held=${live.lockHeld}`); }
  };
  await live.read(); // outside: not kept
  await live.withLock(lock, async () => {
    seen.push(`body held=${live.lockHeld} cached=${live.cached}`);
    await live.read();
  });
  assert.deepEqual(seen, ['acquire held=false', 'body held=true cached=false', 'release held=false']);
  assert.equal(live.cached, false);
  assert.ok(db.drops >= 2, 'dropped on taking and on letting go of the lock');
});

test('withLock is re-entrant: a nested call runs under the lock already held, without taking it again or dropping the cache', async () => {
  const { db, live, lock, apply } = fake();
  await live.withLock(lock, async () => {
    await apply(createT);
    await live.withLock(lock, async () => {
      assert.equal(live.lockHeld, true);
      await apply(createU);
    });
    assert.equal(live.lockHeld, true);
    assert.equal(live.cached, true);
  });
  assert.deepEqual(db.events, ['acquire', 'release']);
  assert.equal(db.introspections, 1);
});

test('a function that throws under the lock still lets go of it and leaves the flag down', async () => {
  const { db, live, lock } = fake();
  await assert.rejects(live.withLock(lock, async () => { await live.read(); throw new Error('inside'); }), /inside/);
  assert.deepEqual(db.events, ['acquire', 'release']);
  assert.equal(live.lockHeld, false);
  assert.equal(live.cached, false);
});

test('a lock that cannot be taken never raises the flag', async () => {
  const { live } = fake();
  const timeout: NativeLock = async () => { throw new Error('TM_LOCK_TIMEOUT'); };
  await assert.rejects(live.withLock(timeout, async () => 'ran'), /TM_LOCK_TIMEOUT/);
  assert.equal(live.lockHeld, false);
});

test('the schema a plan computed is kept instead of applyOperation when change returns one', async () => {
  const { live, lock } = fake();
  const planned: SchemaSnapshot = applyOperation(applyOperation(empty, createT), createU);
  await live.withLock(lock, async () => {
    await live.change(createT, async () => planned);
    assert.equal(await live.read(), planned);
  });
});
