import assert from 'node:assert/strict';
import { test } from 'vitest';
import { runPool } from './pool.js';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('runPool never runs more than `concurrency` at once and keeps list order', async () => {
  let running = 0;
  let peak = 0;
  const results = await runPool([30, 5, 20, 1, 10, 2, 8], 3, async (ms, i) => {
    running++;
    peak = Math.max(peak, running);
    await tick(ms);
    running--;
    return i;
  }, () => -1);
  assert.equal(peak, 3);
  assert.deepEqual(results, [0, 1, 2, 3, 4, 5, 6]);
});

test('once aborted, runPool starts nothing more; the running items finish', async () => {
  const controller = new AbortController();
  const finished: number[] = [];
  const results = await runPool([1, 2, 3, 4, 5, 6], 2, async (n) => {
    if (n === 2) controller.abort();
    await tick(5);
    finished.push(n);
    return `done ${n}`;
  }, (n) => `skipped ${n}`, controller.signal);
  assert.deepEqual(finished.sort(), [1, 2]);
  assert.deepEqual(results, ['done 1', 'done 2', 'skipped 3', 'skipped 4', 'skipped 5', 'skipped 6']);
});
