import assert from 'node:assert/strict';
import { test } from 'vitest';
import { RunProgress } from './run-progress.js';

const run = (dialect: string | undefined, transactionalDdl = true) => {
  const p = new RunProgress('migrate:up');
  if (dialect) p.connectedTo(dialect, transactionalDdl);
  p.event({ type: 'applying', id: 'a', direction: 'up' });
  p.event({ type: 'applied', id: 'a', direction: 'up', ms: 1 });
  p.event({ type: 'applying', id: 'b', direction: 'up' });
  return p.summary();
};

test('before anything ran, Ctrl-C wrote nothing', () => {
  assert.deepEqual(new RunProgress('migrate:generate').summary(), { message: 'cancelled, nothing written', hint: 'run the command again when you are ready' });
});

test('what Ctrl-C during a run says depends on what the database keeps', () => {
  assert.match(run('sqlite').message, /^cancelled, nothing was applied: the run was one transaction, rolled back \(a, b\)$/);
  assert.match(run('postgres').message, /^cancelled, applied: a; b was in progress and is rolled back with its transaction$/);
  assert.match(run('mysql', false).message, /^cancelled, applied: a; b was in progress: its finished steps stay, and the next `tidemark migrate:up` settles it$/);
  assert.match(run('mysql', false).hint, /tidemark migrate:status/);
});

test('on the way down it says rolled back', () => {
  const p = new RunProgress('migrate:down');
  p.connectedTo('postgres', true);
  p.event({ type: 'applying', id: 'b', direction: 'down' });
  p.event({ type: 'applied', id: 'b', direction: 'down', ms: 1 });
  assert.equal(p.summary().message, 'cancelled, rolled back: b');
});
