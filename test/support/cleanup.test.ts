import assert from 'node:assert/strict';
import { test } from 'vitest';
import { bounded, closeAll, runThenCleanUp } from './cleanup.js';

const fail = (message: string) => async (): Promise<never> => { throw new Error(message); };

test('a failed cleanup never replaces the case\'s own error: both are reported, the case\'s first', async () => {
  const err = await runThenCleanUp(fail('the case failed'), fail('dropDatabase was rejected')).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof AggregateError);
  assert.deepStrictEqual(err.errors.map((e: Error) => e.message), ['the case failed', 'dropDatabase was rejected']);
  assert.equal(err.cause, err.errors[0]);
  assert.match(err.message, /^Error: the case failed[\s\S]*cleaning up afterwards failed too: Error: dropDatabase was rejected/);
});

test('with one failure, that error itself is thrown; with none, the result', async () => {
  const own = new Error('the case failed');
  await assert.rejects(runThenCleanUp(async () => { throw own; }, async () => undefined), (e) => e === own);
  await assert.rejects(runThenCleanUp(async () => 1, fail('cleanup failed')), /^Error: cleanup failed$/);
  let cleaned = false;
  assert.equal(await runThenCleanUp(async () => 42, async () => { cleaned = true; }), 42);
  assert.equal(cleaned, true);
});

test('bounded rejects a promise that never settles, naming what it waited for; closeAll tries every closer', async () => {
  const started = Date.now();
  await assert.rejects(bounded(new Promise(() => undefined), 50, 'dropping the database'), /dropping the database did not finish within 50 ms/);
  assert.ok(Date.now() - started < 2000);
  assert.equal(await bounded(Promise.resolve('done'), 50, 'x'), 'done');
  const closed: string[] = [];
  await assert.rejects(closeAll([
    ['a', async () => { throw new Error('a failed'); }],
    ['b', async () => { closed.push('b'); }],
    ['c', () => new Promise(() => undefined)],
  ], 50), /a failed/);
  assert.deepStrictEqual(closed, ['b']);
});
