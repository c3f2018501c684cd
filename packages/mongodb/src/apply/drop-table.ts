import type { DropTable } from '@tidemark/core';
import { command, type MongoPlan } from './plan.js';

/** dropTable: `drop` the collection, its documents, validator and indexes. */
export function planDropTable(op: DropTable): Omit<MongoPlan, 'after'> {
  return { checks: [], steps: [command({ drop: op.table })], undo: [] };
}
