// findFork (README: Files): two generated migrations that start from the same snapshot are a
// conflict naming both files; linear chains, empty migrations and reverts are not.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { isTidemarkError } from '@tidemark/core';
import { fakeHash, tempDir, type TempDir } from '../__fixtures__/harness.js';
import { findFork } from './check-chain.js';
import { readMigrationFiles } from './migration-file.js';

let tmp: TempDir;
beforeEach(async () => { tmp = await tempDir(); });
afterEach(async () => { await tmp.cleanup(); });

const [E, X, Y, Z, W] = ['empty', 'x', 'y', 'z', 'w'].map(fakeHash) as [string, string, string, string, string];

/** Writes generated-looking files with the given `from → to` headers (ids in the given order). */
async function chain(...links: readonly (readonly [string, string, string] | readonly [string])[]) {
  for (const [slug, from, to] of links) {
    await tmp.write({ id: slug!, ...(from && to ? { header: { from, to } } : {}) });
  }
  return findFork(await readMigrationFiles(tmp.dir));
}

describe('findFork', () => {
  test('no files, one file, and a linear chain have no fork', async () => {
    assert.equal(await chain(), undefined);
    assert.equal(await chain(['20250101_000000_a', E, X]), undefined);
    assert.equal(await chain(['20250102_000000_b', X, Y], ['20250103_000000_c', Y, Z]), undefined);
  });

  test('two files from the same snapshot are TM_MIGRATION_FORK naming both', async () => {
    const fork = await chain(
      ['20250101_000000_init', E, X],
      ['20250102_000000_branch_a', X, Y],
      ['20250103_000000_branch_b', X, Z],
    );
    assert.ok(isTidemarkError(fork, 'TM_MIGRATION_FORK'), `expected a fork, got ${String(fork)}`);
    assert.match(fork.message, /20250102_000000_branch_a/);
    assert.match(fork.message, /20250103_000000_branch_b/);
    assert.deepEqual([fork.details.first, fork.details.second], ['20250102_000000_branch_a', '20250103_000000_branch_b']);
  });

  test('a fork is found even when the branches continue after the merge', async () => {
    const fork = await chain(
      ['20250101_000000_init', E, X],
      ['20250102_000000_a1', X, Y],
      ['20250103_000000_b1', X, Z],
      ['20250104_000000_a2', Y, W],
    );
    assert.ok(isTidemarkError(fork, 'TM_MIGRATION_FORK'));
    assert.match(fork.message, /a1/);
    assert.match(fork.message, /b1/);
  });

  test('an empty migration (from = to) in between is not a fork', async () => {
    assert.equal(await chain(
      ['20250101_000000_init', E, X],
      ['20250102_000000_backfill', X, X],
      ['20250103_000000_next', X, Y],
      ['20250104_000000_backfill_again', Y, Y],
      ['20250105_000000_last', Y, Z],
    ), undefined);
  });

  test('hand-written files without a header do not take part', async () => {
    assert.equal(await chain(
      ['20250101_000000_init', E, X],
      ['20250102_000000_hand_written'],
      ['20250103_000000_next', X, Y],
    ), undefined);
  });

  test('a revert chain X→Y, Y→X, X→Z is not a fork', async () => {
    assert.equal(await chain(
      ['20250101_000000_init', E, X],
      ['20250102_000000_add', X, Y],
      ['20250103_000000_revert_add', Y, X],
      ['20250104_000000_other', X, Z],
    ), undefined);
  });

  test('…but a branch off a reverted snapshot after the revert moved on is a fork', async () => {
    const fork = await chain(
      ['20250101_000000_init', E, X],
      ['20250102_000000_add', X, Y],
      ['20250103_000000_revert_add', Y, X],
      ['20250104_000000_other', X, Z],
      ['20250105_000000_branch', X, W],
    );
    assert.ok(isTidemarkError(fork, 'TM_MIGRATION_FORK'));
    assert.match(fork.message, /20250104_000000_other/);
    assert.match(fork.message, /20250105_000000_branch/);
  });
});
