import type { RenameColumn } from '@tidemark/core';
import { checkFieldName, checkIndexColumns } from '../names.js';
import { checkDistinctIndexKeys } from '../schema/index-spec.js';
import { collModCommand } from '../schema/validator.js';
import { tableIn, type PlanContext } from './context.js';
import { command, type MongoPlan, type RewriteStep } from './plan.js';
import { rebuildIndexes } from './rebuild-indexes.js';

/**
 * renameColumn: `$rename` in every document. Indexes name fields, so the key and the indexes
 * over the column are rebuilt on the new field. Order: relax the validator (neither name is
 * constrained, so old and new application code can both write), drop the indexes over the old
 * field (a unique one would see every renamed document as a duplicate null), rename in batches,
 * create the indexes on the new field, tighten the validator, then catch up on documents the
 * application wrote under the old name meanwhile.
 */
export function planRenameColumn(op: RenameColumn, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  checkFieldName(op.table, op.to);
  const before = tableIn(ctx.before, op.table);
  const after = tableIn(ctx.after, op.table);
  const key = before.primaryKey.includes(op.from);
  const names = before.indexes.filter((i) => i.columns.includes(op.from)).map((i) => i.name);
  for (const i of after.indexes.filter((x) => names.includes(x.name))) checkIndexColumns(op.table, i.name, i.columns);
  if (key) checkIndexColumns(op.table, 'key', after.primaryKey);
  checkDistinctIndexKeys(after);
  const rebuild = rebuildIndexes(before, after, key, names);
  const rename = (purpose: RewriteStep['purpose']): RewriteStep =>
    ({ kind: 'rewrite', collection: op.table, filter: { [op.from]: { $exists: true } }, update: { $rename: { [op.from]: op.to } }, purpose });
  return {
    checks: [],
    steps: [command(collModCommand(before, new Set([op.from]))), ...rebuild.drop, rename('rewrite'), ...rebuild.create, command(collModCommand(after)), rename('catch-up')],
    undo: [],
  };
}
