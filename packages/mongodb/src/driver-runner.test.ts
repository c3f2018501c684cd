// The real runner's two conversions, with the driver's own BSON classes: what a command becomes
// before `db.command` sends it, and what a reply becomes before Tidemark reads it.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { Binary, BSON, Decimal128, Double, Int32, Long, MinKey, ObjectId } from 'mongodb';
import { DriverCommandRunner, fromExtendedJson, toExtendedJson } from './driver-runner.js';
import type { DriverDb, DriverDocument, DriverSession } from './driver.js';

const { EJSON } = BSON;

describe('fromExtendedJson', () => {
  it('turns the wrappers Tidemark writes into BSON values and leaves the rest alone', () => {
    const date = new Date('2024-01-01T00:00:00Z');
    const oid = new ObjectId('65a000000000000000000001');
    const out = fromExtendedJson({
      update: 'users',
      updates: [{ q: { _id: { $in: [{ $oid: '65a000000000000000000001' }, 'text-id', 7] } }, u: { $set: { n: { $numberLong: '10' }, d: { $numberDecimal: '2.25' }, f: { $numberDouble: '2' }, i: { $numberInt: '3' } } } }],
      at: { $date: '2024-01-01T00:00:00.000Z' },
      bin: { $binary: { base64: 'YjE=', subType: '00' } },
      marker: { $minKey: 1 },
      already: { date, oid, long: Long.fromNumber(5) },
      validator: { $jsonSchema: { bsonType: 'object', required: ['a'] } },
    }, EJSON) as Record<string, any>;
    const set = out.updates[0].u.$set;
    assert.ok(set.n instanceof Long && set.n.toString() === '10');
    assert.ok(set.d instanceof Decimal128 && set.d.toString() === '2.25');
    assert.ok(set.f instanceof Double && set.f.valueOf() === 2);
    assert.ok(set.i instanceof Int32);
    assert.ok(out.updates[0].q._id.$in[0] instanceof ObjectId);
    assert.deepStrictEqual(out.updates[0].q._id.$in.slice(1), ['text-id', 7]);
    assert.ok(out.at instanceof Date && out.at.getTime() === date.getTime());
    assert.ok(out.bin instanceof Binary && Buffer.from(out.bin.buffer).toString() === 'b1');
    assert.ok(out.marker instanceof MinKey);
    assert.equal(out.already.date, date);
    assert.equal(out.already.oid, oid);
    assert.deepStrictEqual(out.validator, { $jsonSchema: { bsonType: 'object', required: ['a'] } });
  });
});

describe('toExtendedJson', () => {
  it('keeps numbers as numbers, wraps other BSON values, and keeps cursor ids past 2^53 exact', () => {
    const reply = toExtendedJson({
      cursor: { id: Long.fromString('9007199254740993'), ns: 'app.users', firstBatch: [{ _id: new ObjectId('65a000000000000000000001'), n: 5, price: Decimal128.fromString('2.50'), at: new Date('2024-01-05T00:00:00Z'), b: new Binary(Buffer.from('b5')) }] },
      ok: 1,
      small: Long.fromNumber(12),
    }, EJSON);
    assert.deepStrictEqual(reply, {
      cursor: {
        id: { $numberLong: '9007199254740993' },
        ns: 'app.users',
        firstBatch: [{ _id: { $oid: '65a000000000000000000001' }, n: 5, price: { $numberDecimal: '2.50' }, at: { $date: '2024-01-05T00:00:00Z' }, b: { $binary: { base64: 'YjU=', subType: '00' } } }],
      },
      ok: 1,
      small: 12,
    });
  });
});

describe('DriverCommandRunner', () => {
  it('runs every command in the one session, on the database or on admin', async () => {
    const seen: { on: string; command: DriverDocument; session: unknown }[] = [];
    const db = (on: string): DriverDb => ({ command: async (command, options) => { seen.push({ on, command, session: options?.session }); return { ok: 1, on }; } });
    const session: DriverSession = { endSession: async () => undefined };
    const runner = new DriverCommandRunner({ databaseName: 'app', db: db('app'), admin: db('admin'), session, ejson: EJSON });
    assert.deepStrictEqual(await runner.command({ getMore: { $numberLong: '9007199254740993' }, collection: 'users' }), { ok: 1, on: 'app' });
    await runner.command({ renameCollection: 'app.a', to: 'app.b' }, 'admin');
    assert.deepStrictEqual(seen.map((s) => [s.on, s.session === session]), [['app', true], ['admin', true]]);
    assert.ok(seen[0]!.command.getMore instanceof Long && String(seen[0]!.command.getMore) === '9007199254740993');
  });
});
