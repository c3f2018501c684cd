import type { AlterPrimaryKey } from '@tidemark/core';
import { checkIndexColumns } from '../names.js';
import { duplicateCheck } from '../prechecks/checks.js';
import { checkDistinctIndexKeys, keyIndexSpec } from '../schema/index-spec.js';
import { tableIn, type PlanContext } from './context.js';
import type { MongoPlan } from './plan.js';
import { rebuildIndexes } from './rebuild-indexes.js';

/**
 * alterPrimaryKey: the key is the unique index `_tidemark_pk`, so a new key is a duplicate check
 * over the new columns, then that index dropped and created over them. Should the create fail
 * (duplicates written meanwhile), the old key index is created again.
 */
export function planAlterPrimaryKey(op: AlterPrimaryKey, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  const before = tableIn(ctx.before, op.table);
  const after = tableIn(ctx.after, op.table);
  checkIndexColumns(op.table, 'key', op.columns);
  checkDistinctIndexKeys(after);
  const rebuild = rebuildIndexes(before, after, true, []);
  const oldKey = keyIndexSpec(before);
  return {
    checks: op.columns.length > 0
      ? [duplicateCheck(before, op.columns, { check: 'primary key', partial: false, hint: 'remove or change the duplicate documents first, or choose other key columns' })]
      : [],
    steps: [...rebuild.drop, ...rebuild.create],
    undo: oldKey ? [{ createIndexes: op.table, indexes: [oldKey] }] : [],
  };
}
