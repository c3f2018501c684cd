// `_tidemark_migrations` at the command level: ensure, list (through a cursor), save, remove.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { serverError } from './__fixtures__/ddl-state-runner.js';
import { cursorReply, RecordingRunner } from './__fixtures__/recording-runner.js';
import { MongoHistory } from './history.js';

describe('MongoHistory', () => {
  it('ensure creates the collection and accepts that it exists already', async () => {
    const runner = new RecordingRunner().on('create', { ok: 1 }, serverError(48, 'NamespaceExists', 'Collection app._tidemark_migrations already exists.'));
    const history = new MongoHistory(runner);
    await history.ensure();
    await history.ensure();
    assert.deepStrictEqual(runner.commands, [{ create: '_tidemark_migrations' }, { create: '_tidemark_migrations' }]);
    runner.on('create', serverError(13, 'Unauthorized', 'not authorized on app to execute command { create: … }'));
    await assert.rejects(history.ensure(), (err) => isTidemarkError(err, 'TM_BACKEND_ERROR') && /dbAdmin/.test(err.hint));
  });

  it('list reads every record in id order through the cursor', async () => {
    const a = { _id: '20250101_000000_a', checksum: 'c1', appliedAt: '2025-01-01T00:00:00.000Z', executionMs: 12, appliedBy: 'me@host', outcome: 'applied' };
    const b = { _id: '20250102_000000_b', checksum: 'c2', appliedAt: '2025-01-02T00:00:00.000Z', executionMs: 3, appliedBy: 'me@host', outcome: 'failed', stepsApplied: 2, error: 'boom' };
    const runner = new RecordingRunner()
      .on('find', cursorReply([a], { id: 12, ns: 'app._tidemark_migrations' }))
      .on('getMore', cursorReply([b], { next: true }));
    const records = await new MongoHistory(runner).list();
    assert.deepStrictEqual(runner.commands, [
      { find: '_tidemark_migrations', filter: {}, sort: { _id: 1 } },
      { getMore: { $numberLong: '12' }, collection: '_tidemark_migrations' },
    ]);
    assert.deepStrictEqual(records, [
      { id: a._id, checksum: 'c1', appliedAt: a.appliedAt, executionMs: 12, appliedBy: 'me@host', outcome: 'applied' },
      { id: b._id, checksum: 'c2', appliedAt: b.appliedAt, executionMs: 3, appliedBy: 'me@host', outcome: 'failed', stepsApplied: 2, error: 'boom' },
    ]);
  });

  it('save upserts the whole record under its id; remove deletes it', async () => {
    const runner = new RecordingRunner();
    const history = new MongoHistory(runner);
    await history.save({ id: 'm1', checksum: 'c', appliedAt: '2025-01-01T00:00:00.000Z', executionMs: 1.6, appliedBy: 'me', outcome: 'failed', stepsApplied: 1, error: 'x' });
    await history.remove('m1');
    assert.deepStrictEqual(runner.commands, [
      {
        update: '_tidemark_migrations',
        updates: [{ q: { _id: 'm1' }, u: { _id: 'm1', checksum: 'c', appliedAt: '2025-01-01T00:00:00.000Z', executionMs: 2, appliedBy: 'me', outcome: 'failed', stepsApplied: 1, error: 'x' }, upsert: true }],
      },
      { delete: '_tidemark_migrations', deletes: [{ q: { _id: 'm1' }, limit: 1 }] },
    ]);
  });
});
