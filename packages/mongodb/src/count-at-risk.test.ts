import assert from 'node:assert/strict';
import { LiveSchema, emptySnapshot } from '@tidemark/core';
import { test } from 'vitest';
import { countReply, RecordingRunner } from './__fixtures__/recording-runner.js';
import { MongoApplier } from './applier.js';

test('countAtRisk counts a collection, or the documents where a field holds a value, with $count', async () => {
  const runner = new RecordingRunner({ databaseName: 'app', script: [countReply(7), countReply(3), countReply(0)] });
  const applier = new MongoApplier(runner, { batchSize: 1000, live: new LiveSchema({ introspect: async () => emptySnapshot() }) });
  assert.equal(await applier.countAtRisk('users'), 7);
  assert.equal(await applier.countAtRisk('users', 'bio'), 3);
  assert.equal(await applier.countAtRisk('logs'), 0);
  assert.deepEqual(runner.sent.map((s) => s.command), [
    { aggregate: 'users', pipeline: [{ $match: {} }, { $count: 'n' }], cursor: {} },
    { aggregate: 'users', pipeline: [{ $match: { bio: { $exists: true, $ne: null } } }, { $count: 'n' }], cursor: {} },
    { aggregate: 'logs', pipeline: [{ $match: {} }, { $count: 'n' }], cursor: {} },
  ]);
});
