import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { HistoryRecord } from '@tidemark/core';
import type { MigrationFile } from '../source/migration-file.js';
import { foldSquashed, squashPartial } from './squashed-history.js';

const file = (id: string, replaces?: string[]): MigrationFile => ({ id, path: `/m/${id}.ts`, text: '', checksum: `sum-${id}`, ...(replaces ? { replaces } : {}) });
const rec = (id: string, at: string, outcome: HistoryRecord['outcome'] = 'applied'): HistoryRecord => ({ id, checksum: `old-${id}`, appliedAt: at, executionMs: 5, appliedBy: `u-${id}`, outcome });
const A = '20250101_000000_a', B = '20250102_000000_b', C = '20250103_000000_c', S = '20250103_000000_squashed', D = '20250104_000000_d';
const files = [file(S, [A, B, C]), file(D)];

describe('foldSquashed', () => {
  test('none of the run recorded: the squash is pending like any migration', () => {
    const v = foldSquashed([], files);
    assert.deepEqual(v, { records: [], folded: [], partial: [] });
  });

  test('all of the run applied: one record for the squash (latest time, summed duration), theirs gone', () => {
    const v = foldSquashed([rec(A, '2025-01-01'), rec(B, '2025-01-03'), rec(C, '2025-01-02'), rec(D, '2025-01-04')], files);
    assert.deepEqual(v.records.map((r) => [r.id, r.checksum, r.appliedAt, r.executionMs, r.appliedBy]), [
      [S, `sum-${S}`, '2025-01-03', 15, `u-${B}`], [D, `old-${D}`, '2025-01-04', 5, `u-${D}`],
    ]);
    assert.deepEqual(v.folded.map((f) => [f.record.id, f.replaced]), [[S, [A, B, C]]]);
    assert.deepEqual(v.partial, []);
  });

  test('some of the run (or one of it failed): partial, naming what it has, what it lacks and where to go', () => {
    for (const records of [[rec(A, '1'), rec(B, '2')], [rec(A, '1'), rec(B, '2'), rec(C, '3', 'failed')]]) {
      const v = foldSquashed(records, files);
      assert.deepEqual(v.folded, []);
      assert.equal(v.partial.length, 1);
      assert.deepEqual(v.partial[0]!.missing, [C]);
      assert.equal(v.partial[0]!.last, C);
      const err = squashPartial(v.partial[0]!);
      assert.equal(err.code, 'TM_SQUASH_PARTIAL');
      assert.equal(err.exitCode, 3);
      assert.match(err.hint, new RegExp(`migrate:up --to ${C}`));
    }
  });

  test('a fold persisted part-way (the squash recorded, old records left): the old ones are dropped', () => {
    const v = foldSquashed([rec(B, '2'), rec(S, '3')], files);
    assert.deepEqual(v.records.map((r) => r.id), [S]);
    assert.deepEqual(v.folded.map((f) => f.replaced), [[B]]);
  });
});
