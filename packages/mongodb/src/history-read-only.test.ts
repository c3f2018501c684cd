// Read-only commands (status, dry runs, check) list the history of a database that may have
// none yet: on MongoDB that is one `find`, which answers an empty batch for a missing
// collection and creates nothing — never a `create` (issue 16; the live case runs in
// test/e2e/read-only.test.ts when MONGODB_URL is set).
import assert from 'node:assert/strict';
import { it } from 'vitest';
import { cursorReply, RecordingRunner } from './__fixtures__/recording-runner.js';
import { MongoHistory } from './history.js';

it('list on a database without _tidemark_migrations is [] and sends only a find', async () => {
  const runner = new RecordingRunner().on('find', cursorReply([], { ns: 'app._tidemark_migrations' }));
  assert.deepStrictEqual(await new MongoHistory(runner).list(), []);
  assert.deepStrictEqual(runner.commands, [{ find: '_tidemark_migrations', filter: {}, sort: { _id: 1 } }]);
});
