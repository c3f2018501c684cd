// The migration lock at the command level: the atomic acquisition (and what its update
// pipeline does to a free, held or expired lock document), waiting and timing out, release in
// every case, renewal, and the connection's use of it.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError, op } from '@tidemark/core';
import { fakeClock, testConnection, TOKEN } from './__fixtures__/connection.js';
import { DdlStateRunner } from './__fixtures__/ddl-state-runner.js';
import { evaluate } from './__fixtures__/expression-model.js';
import { RecordingRunner } from './__fixtures__/recording-runner.js';
import { acquireCommand, releaseCommand, renewCommand, withMongoLock, type MongoLockOptions } from './lock.js';

const ours = { value: { _id: 'migrations', token: TOKEN, owner: 'me@host pid 1', acquiredAt: { $date: '2026-01-01T00:00:00Z' } }, ok: 1 };
const theirs = { value: { _id: 'migrations', token: 'other', owner: 'ci@runner pid 9', acquiredAt: { $date: '2026-01-01T00:00:00Z' } }, ok: 1 };

function options(overrides: Partial<MongoLockOptions> = {}): MongoLockOptions {
  const clock = fakeClock();
  return { target: 'mongodb://localhost/app', timeoutMs: 1000, leaseMs: 60_000, pollMs: 100, owner: 'me@host pid 1', token: () => TOKEN, now: clock.now, sleep: clock.sleep, ...overrides };
}

describe('acquiring the lock', () => {
  it('is one findAndModify upsert whose pipeline keeps a live lock and replaces a free or expired one', () => {
    assert.deepStrictEqual(acquireCommand('t1', 'me', 60_000), {
      findAndModify: '_tidemark_lock',
      query: { _id: 'migrations' },
      update: [{
        $replaceWith: {
          $cond: {
            if: { $gt: ['$expiresAt', '$$NOW'] },
            then: '$$ROOT',
            else: { _id: 'migrations', token: { $literal: 't1' }, owner: { $literal: 'me' }, acquiredAt: '$$NOW', expiresAt: { $add: ['$$NOW', 60_000] } },
          },
        },
      }],
      upsert: true,
      new: true,
    });
    const stage = (acquireCommand('t1', 'me', 60_000).update as { $replaceWith: unknown }[])[0]!.$replaceWith;
    const NOW = new Date('2026-01-01T12:00:00Z');
    const run = (doc: Record<string, unknown>) => evaluate(stage, doc, { NOW }) as Record<string, unknown>;
    // no lock document yet: the upsert starts from { _id } and writes ours
    assert.deepStrictEqual(run({ _id: 'migrations' }), { _id: 'migrations', token: 't1', owner: 'me', acquiredAt: NOW, expiresAt: new Date(NOW.getTime() + 60_000) });
    // held until later: kept as it is
    const held = { _id: 'migrations', token: 'other', owner: 'ci', expiresAt: new Date(NOW.getTime() + 1) };
    assert.deepStrictEqual(run(held), held);
    // expired (its run crashed): taken over
    assert.equal(run({ ...held, expiresAt: new Date(NOW.getTime() - 1) }).token, 't1');
  });

  it('runs fn once the reply shows our token, then releases with our token', async () => {
    const runner = new RecordingRunner().on('findAndModify', ours);
    const result = await withMongoLock(runner, options(), async () => {
      await runner.command({ ping: 1 });
      return 42;
    });
    assert.equal(result, 42);
    assert.deepStrictEqual(runner.commands, [acquireCommand(TOKEN, 'me@host pid 1', 60_000), { ping: 1 }, releaseCommand(TOKEN)]);
    assert.deepStrictEqual(releaseCommand(TOKEN), { delete: '_tidemark_lock', deletes: [{ q: { _id: 'migrations', token: TOKEN }, limit: 1 }] });
  });

  it('waits while another run holds it, polling, then takes it', async () => {
    const clock = fakeClock();
    const runner = new RecordingRunner().on('findAndModify', theirs, theirs, ours);
    await withMongoLock(runner, options({ now: clock.now, sleep: clock.sleep }), async () => undefined);
    assert.deepStrictEqual(runner.names, ['findAndModify', 'findAndModify', 'findAndModify', 'delete']);
    assert.deepStrictEqual(clock.slept, [100, 100]);
  });

  it('gives up after the timeout with TM_LOCK_TIMEOUT naming the holder, and releases nothing it does not hold', async () => {
    const clock = fakeClock();
    const runner = new RecordingRunner({ responder: () => theirs });
    await assert.rejects(withMongoLock(runner, options({ timeoutMs: 250, now: clock.now, sleep: clock.sleep }), async () => assert.fail('fn must not run')),
      (err) => isTidemarkError(err, 'TM_LOCK_TIMEOUT') && /held by ci@runner pid 9/.test(err.message) && err.details.owner === 'ci@runner pid 9');
    assert.deepStrictEqual(clock.slept, [100, 100, 50]);
    assert.ok(runner.names.every((n) => n === 'findAndModify'));
  });

  it('is released when fn throws, and fn\'s error is the one reported', async () => {
    const runner = new RecordingRunner().on('findAndModify', ours);
    await assert.rejects(withMongoLock(runner, options(), async () => { throw new Error('step failed'); }), /step failed/);
    assert.deepStrictEqual(runner.names, ['findAndModify', 'delete']);
  });
});

describe('renewing the lock', () => {
  it('extends the lease every third of it while fn runs', async () => {
    const runner = new RecordingRunner().on('findAndModify', ours);
    runner.on('update', { n: 1, nModified: 1, ok: 1 }, { n: 1, nModified: 1, ok: 1 }, { n: 1, nModified: 1, ok: 1 });
    const renewed = (): number => runner.commands.filter((c) => Object.keys(c)[0] === 'update').length;
    // fn runs until two renewals went out (bounded): a loaded machine delays timers, so a fixed
    // sleep measured the machine, not the lock
    await withMongoLock(runner, options({ leaseMs: 60 }), async () => {
      const until = Date.now() + 5_000;
      while (renewed() < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    });
    const renewals = runner.commands.filter((c) => Object.keys(c)[0] === 'update');
    assert.ok(renewals.length >= 2, `renewed ${renewals.length} times`);
    assert.deepStrictEqual(renewals[0], renewCommand(TOKEN, 60));
    assert.deepStrictEqual(renewCommand(TOKEN, 60), { update: '_tidemark_lock', updates: [{ q: { _id: 'migrations', token: TOKEN }, u: [{ $set: { expiresAt: { $add: ['$$NOW', 60] } } }] }] });
    assert.equal(runner.names.at(-1), 'delete');
  });

  it('a renewal that finds the lock taken over fails the run afterwards', async () => {
    const runner = new RecordingRunner({ responder: (c) => (Object.keys(c)[0] === 'update' ? { n: 0, nModified: 0, ok: 1 } : { ok: 1, n: 0 }) }).on('findAndModify', ours);
    await assert.rejects(withMongoLock(runner, options({ leaseMs: 30 }), () => new Promise((resolve) => setTimeout(resolve, 40))),
      (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && /lock .* expired/.test(err.message));
  });
});

describe('the connection under the lock', () => {
  it('nests, and keeps the schema it read for the operations inside (introspecting once)', async () => {
    const runner = new DdlStateRunner();
    runner.on('findAndModify', ours);
    const conn = testConnection(runner);
    await conn.withLock(() => conn.withLock(async () => {
      await conn.applier.apply(op.createTable({ name: 'a', columns: [{ name: 'k', type: 'uuid' }], primaryKey: ['k'] }));
      await conn.applier.apply(op.addColumn('a', { name: 'b', type: 'text', nullable: true }));
      await conn.applier.apply(op.createIndex('a', { name: 'idx_a_b', columns: ['b'] }));
    }));
    assert.deepStrictEqual(runner.names, ['findAndModify', 'listCollections', 'create', 'createIndexes', 'collMod', 'createIndexes', 'delete']);
  });

  it('forgets the schema when an operation fails, so the next one reads it again', async () => {
    const runner = new DdlStateRunner();
    runner.on('findAndModify', ours);
    const conn = testConnection(runner);
    await conn.withLock(async () => {
      await conn.applier.apply(op.createTable({ name: 'a', columns: [{ name: 'k', type: 'uuid' }], primaryKey: ['k'] }));
      runner.on('collMod', Object.assign(new Error('boom'), { code: 2 }));
      await assert.rejects(conn.applier.apply(op.addColumn('a', { name: 'b', type: 'text', nullable: true })));
      await conn.applier.apply(op.addColumn('a', { name: 'b', type: 'text', nullable: true }));
    });
    assert.deepStrictEqual(runner.names, ['findAndModify', 'listCollections', 'create', 'createIndexes', 'collMod', 'listCollections', 'listIndexes', 'collMod', 'delete']);
  });

  it('transaction just runs its function', async () => {
    const conn = testConnection(new RecordingRunner());
    assert.equal(await conn.transaction(async () => 'done'), 'done');
  });
});
