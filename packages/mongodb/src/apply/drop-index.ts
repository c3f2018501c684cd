import type { DropIndex } from '@tidemark/core';
import { command, type MongoPlan } from './plan.js';

/** dropIndex: `dropIndexes` by name. */
export function planDropIndex(op: DropIndex): Omit<MongoPlan, 'after'> {
  return { checks: [], steps: [command({ dropIndexes: op.table, index: op.index })], undo: [] };
}
