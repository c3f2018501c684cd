import type { CreateIndex } from '@tidemark/core';
import { checkIndexColumns, checkIndexName } from '../names.js';
import { duplicateCheck } from '../prechecks/checks.js';
import { checkDistinctIndexKeys, indexSpec } from '../schema/index-spec.js';
import { tableIn, type PlanContext } from './context.js';
import { command, type MongoPlan } from './plan.js';

/**
 * createIndex: a unique index is checked for duplicates first (documents with a null in one of
 * its columns are left out, as its partial filter leaves them out), then `createIndexes`. An
 * application-enforced unique index is enforced all the same: MongoDB can. `concurrently` needs
 * nothing here: MongoDB builds indexes without blocking reads and writes.
 */
export function planCreateIndex(op: CreateIndex, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  checkIndexName(op.table, op.index.name);
  checkIndexColumns(op.table, op.index.name, op.index.columns);
  const before = tableIn(ctx.before, op.table);
  const after = tableIn(ctx.after, op.table);
  const index = after.indexes.find((i) => i.name === op.index.name)!;
  checkDistinctIndexKeys(after);
  return {
    checks: index.unique
      ? [duplicateCheck(before, index.columns, { check: 'unique', partial: true, hint: 'remove or change the duplicate documents first, or make the index non-unique' })]
      : [],
    steps: [command({ createIndexes: op.table, indexes: [indexSpec(after, index)] })],
    undo: [],
  };
}
