// Against a live MongoDB server (5.0 or newer), only when MONGODB_URL is set: what the
// command-level tests cannot show. The validator a migration writes really rejects bad
// documents; back-fills and conversions really change the stored values (in batches); a unique
// index over a nullable column really lets nulls repeat; the lock really serialises two
// connections. Each test uses its own database, dropped afterwards.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MongoClient, type Db } from 'mongodb';
import { isTidemarkError, op, type ProgressEvent, type SchemaOperation } from '@tidemark/core';
import { connectMongo } from './connect.js';
import type { MongoConnection } from './connection.js';
import { bounded, closeAll, runThenCleanUp } from '../../../test/support/cleanup.js';

const BASE = process.env.MONGODB_URL;
const SKIP = BASE ? false : 'set MONGODB_URL=mongodb://host:port to run the live MongoDB tests';
if (SKIP) console.error(`\n!!! SKIPPING the live MongoDB tests (packages/mongodb/src/live.test.ts): ${SKIP}\n`);

let serial = 0;
const urlFor = (database: string): string => {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/i.exec(BASE!)!;
  return `${m[1]}/${database}${m[2] ?? ''}`;
};

// a bound on every test: a server that stops answering fails the suite instead of hanging it
describe('live MongoDB', { skip: Boolean(SKIP), timeout: 120_000 }, () => {
  let client: MongoClient;
  let db: Db;
  let conn: MongoConnection;
  let name: string;
  const apply = async (...ops: SchemaOperation[]): Promise<void> => {
    await conn.withLock(async () => { for (const o of ops) await conn.applier.apply(o); });
  };
  const typeOf = async (collection: string, field: string): Promise<string[]> =>
    (await db.collection(collection).aggregate([{ $project: { _id: 0, t: { $type: `$${field}` } } }]).toArray()).map((d) => d.t as string);

  beforeAll(async () => {
    name = `tidemark_live_${process.pid}_${++serial}`;
    client = new MongoClient(urlFor(name), { serverSelectionTimeoutMS: 10_000, socketTimeoutMS: 30_000 });
    await client.connect();
    db = client.db(name);
    conn = await connectMongo(urlFor(name), { batchSize: 2, lockTimeoutMs: 2000, lockPollMs: 50 });
  });
  afterAll(async () => {
    // clients are closed whatever dropDatabase does: an open one keeps the test process (and npm test) alive
    await runThenCleanUp(
      async () => { if (db) await bounded(db.dropDatabase(), 10_000, `dropping ${name}`); },
      () => closeAll([['closing the test client', async () => client?.close(true)], ['closing the connection', async () => conn?.close()]]),
    );
  });

  it('the validator rejects documents that break the model after a migration', async () => {
    await apply(op.createTable({
      name: 'people', primaryKey: ['id'],
      columns: [{ name: 'id', type: 'uuid' }, { name: 'name', type: 'string', length: 10 }, { name: 'age', type: 'i32', nullable: true }, { name: 'role', type: 'enum', values: ['a', 'b'] }],
    }));
    const people = db.collection('people');
    await people.insertOne({ id: '3f2b8c1e-0d4a-4c5e-9b7a-1a2b3c4d5e6f', name: 'ada', age: 36, role: 'a' });
    await people.insertOne({ id: '3f2b8c1e-0d4a-4c5e-9b7a-1a2b3c4d5e70', name: 'grace', age: null, role: 'b' });
    const rejected = async (doc: Record<string, unknown>, why: string) =>
      assert.rejects(people.insertOne(doc), (err: { code?: number }) => err.code === 121, why);
    await rejected({ id: 'not-a-uuid', name: 'x', role: 'a' }, 'uuid pattern');
    await rejected({ id: '3f2b8c1e-0d4a-4c5e-9b7a-1a2b3c4d5e71', name: 'far too long a name', role: 'a' }, 'maxLength');
    await rejected({ id: '3f2b8c1e-0d4a-4c5e-9b7a-1a2b3c4d5e72', role: 'a' }, 'required');
    await rejected({ id: '3f2b8c1e-0d4a-4c5e-9b7a-1a2b3c4d5e73', name: 'x', age: 1.5, role: 'a' }, 'int');
    await rejected({ id: '3f2b8c1e-0d4a-4c5e-9b7a-1a2b3c4d5e74', name: 'x', role: 'c' }, 'enum');
    // the key is a unique index
    await assert.rejects(people.insertOne({ id: '3f2b8c1e-0d4a-4c5e-9b7a-1a2b3c4d5e6f', name: 'dup', role: 'a' }), (err: { code?: number }) => err.code === 11000);
    // NOT NULL after a migration: the precheck sees grace's null, then the validator holds it
    await assert.rejects(apply(op.alterColumn('people', 'age', { type: 'i32' })), (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 1);
    await people.updateOne({ name: 'grace' }, { $set: { age: 40 } });
    await apply(op.alterColumn('people', 'age', { type: 'i32' }));
    await rejected({ id: '3f2b8c1e-0d4a-4c5e-9b7a-1a2b3c4d5e75', name: 'x', role: 'a' }, 'age is now required');
  });

  it('back-fills fill every document in batches, with progress, typed as the column', async () => {
    await apply(op.createTable({ name: 'items', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32' }, { name: 'code', type: 'text', nullable: true }] }));
    await db.collection('items').insertMany([1, 2, 3, 4, 5].map((id) => ({ id, code: id % 2 === 0 ? 'yes' : 'no' })));
    const events: ProgressEvent[] = [];
    conn.applier.onProgress = (e) => events.push(e);
    await apply(op.addColumn('items', { name: 'score', type: 'i64' }, { backfill: 10 }), op.addColumn('items', { name: 'seen', type: 'timestamp', default: { fn: 'now' } }));
    conn.applier.onProgress = undefined;
    assert.deepStrictEqual(await typeOf('items', 'score'), ['long', 'long', 'long', 'long', 'long']);
    assert.deepStrictEqual(await typeOf('items', 'seen'), ['date', 'date', 'date', 'date', 'date']);
    assert.deepStrictEqual(events.filter((e) => e.operation === 'addColumn').map((e) => e.done), [2, 4, 5, 2, 4, 5]);
    // conversions change the stored values: text → boolean, i32 → f64
    await apply(op.alterColumn('items', 'code', { type: 'boolean', nullable: true }), op.alterColumn('items', 'id', { type: 'f64' }));
    assert.deepStrictEqual((await db.collection('items').find({}, { sort: { id: 1 } }).toArray()).map((d) => d.code), [false, true, false, true, false]);
    assert.deepStrictEqual(await typeOf('items', 'id'), ['double', 'double', 'double', 'double', 'double']);
    // a value that does not convert stops the change before anything is written
    await db.collection('items').insertOne({ id: 6.5, score: 1, seen: new Date(), code: null });
    await assert.rejects(apply(op.alterColumn('items', 'id', { type: 'i32' })), (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 1);
    assert.deepStrictEqual(await typeOf('items', 'id'), ['double', 'double', 'double', 'double', 'double', 'double']);
    const live = await conn.introspect();
    assert.deepStrictEqual(live.tables.find((t) => t.name === 'items')!.columns.find((c) => c.name === 'id'), { name: 'id', type: 'f64', nullable: false });
  });

  it('a unique index over a nullable column lets nulls and missing values repeat, but not values', async () => {
    await apply(op.createTable({ name: 'accounts', primaryKey: ['id'], columns: [{ name: 'id', type: 'i32' }, { name: 'email', type: 'string', nullable: true }] }));
    const accounts = db.collection('accounts');
    await accounts.insertMany([{ id: 1, email: null }, { id: 2, email: null }, { id: 3 }, { id: 4 }, { id: 5, email: 'a@x' }]);
    await apply(op.createIndex('accounts', { name: 'idx_accounts_email', columns: ['email'], unique: true }));
    await accounts.insertOne({ id: 6, email: null });
    await assert.rejects(accounts.insertOne({ id: 7, email: 'a@x' }), (err: { code?: number }) => err.code === 11000);
    // renaming the column rebuilds the index on the new field, documents kept
    await apply(op.renameColumn('accounts', 'email', 'mail'), op.renameTable('accounts', 'users'));
    assert.equal(await db.collection('users').countDocuments({ mail: 'a@x' }), 1);
    await assert.rejects(db.collection('users').insertOne({ id: 8, mail: 'a@x' }), (err: { code?: number }) => err.code === 11000);
  });

  it('the lock serialises two connections, and times out while the other holds it', async () => {
    const other = await connectMongo(urlFor(name), { lockTimeoutMs: 300, lockPollMs: 50 });
    let patient: MongoConnection | undefined;
    // released in finally too: a first run left holding the lock would keep renewing it forever
    let release = (): void => undefined;
    try {
      const order: string[] = [];
      const held = new Promise<void>((resolve) => { release = resolve; });
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => { entered = resolve; });
      const first = conn.withLock(async () => { order.push('first in'); entered(); await held; order.push('first out'); });
      // if taking the lock fails, the callback never runs: wait for it or for that failure, bounded
      await bounded(Promise.race([inside, first.then(() => { throw new Error('withLock returned without running its callback'); })]), 10_000, 'taking the lock');
      await assert.rejects(other.withLock(async () => order.push('never')), (err) => isTidemarkError(err, 'TM_LOCK_TIMEOUT'));
      patient = await connectMongo(urlFor(name), { lockTimeoutMs: 5000, lockPollMs: 50 });
      const second = patient.withLock(async () => { order.push('second in'); });
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      await bounded(Promise.all([first, second]), 10_000, 'both runs');
      assert.deepStrictEqual(order, ['first in', 'first out', 'second in']);
      assert.equal(await db.collection('_tidemark_lock').countDocuments({}), 0, 'released');
    } finally {
      release();
      await closeAll([['closing the second connection', () => other.close()], ['closing the third connection', async () => patient?.close()]]);
    }
  });

  it('history round-trips through _tidemark_migrations', async () => {
    await conn.history.ensure();
    await conn.history.ensure();
    const record = { id: '20250101_000000_a', checksum: 'abc', appliedAt: '2025-01-01T00:00:00.000Z', executionMs: 5, appliedBy: 'me', outcome: 'failed' as const, stepsApplied: 1, error: 'x' };
    await conn.history.save(record);
    await conn.history.save({ ...record, outcome: 'applied', stepsApplied: undefined, error: undefined } as never);
    assert.deepStrictEqual(await conn.history.list(), [{ id: record.id, checksum: 'abc', appliedAt: record.appliedAt, executionMs: 5, appliedBy: 'me', outcome: 'applied' }]);
    await conn.history.remove(record.id);
    assert.deepStrictEqual(await conn.history.list(), []);
  });
});
