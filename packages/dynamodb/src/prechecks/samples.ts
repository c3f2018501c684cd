import type { TableSnapshot } from '@tidemark/core';
import type { Item } from '../scan.js';
import { toPlain, type Plain } from '../values/attribute-value.js';

/** `SAMPLE_SIZE` is how many example items a failed check shows. */
export const SAMPLE_SIZE = 5;

/** `Tally` counts the items a check refuses and keeps the first few as samples. */
export class Tally {
  count = 0;
  readonly samples: Record<string, Plain>[] = [];

  /** `add` counts one refused item, keeping its key, the given columns and an optional reason. */
  add(table: TableSnapshot, item: Item, columns: readonly string[], problem?: string): void {
    this.count++;
    if (this.samples.length >= SAMPLE_SIZE) return;
    const sample: Record<string, Plain> = {};
    for (const c of [...table.primaryKey, ...columns]) sample[c] = toPlain(item[c]);
    if (problem) sample.problem = problem;
    this.samples.push(sample);
  }
}
