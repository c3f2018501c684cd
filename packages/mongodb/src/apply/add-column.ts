import type { AddColumn } from '@tidemark/core';
import { checkFieldName } from '../names.js';
import { newColumnCheck } from '../prechecks/checks.js';
import { fillUpdate } from '../schema/literal.js';
import { collModCommand } from '../schema/validator.js';
import { tableIn, type PlanContext } from './context.js';
import { command, type MongoPlan, type RewriteStep } from './plan.js';

/**
 * addColumn: existing documents get the default (as SQL's ADD COLUMN … DEFAULT gives existing
 * rows), or else the back-fill value; a NOT NULL column with neither is refused on a collection
 * with documents. Order: the documents are filled first, while the old validator (which does not
 * know the field) still accepts writes from the running application; then `collMod` makes the
 * field part of the validator; then a catch-up fills documents written without it meanwhile.
 */
export function planAddColumn(op: AddColumn, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  const before = tableIn(ctx.before, op.table);
  const after = tableIn(ctx.after, op.table);
  const c = op.column;
  checkFieldName(op.table, c.name);
  const fill = c.default ?? op.backfill;
  const checks = !c.nullable && fill === undefined ? [newColumnCheck(before, c)] : [];
  if (fill === undefined) return { checks, steps: [command(collModCommand(after))], undo: [] };
  const rewrite = (purpose: RewriteStep['purpose']): RewriteStep =>
    ({ kind: 'rewrite', collection: op.table, filter: { [c.name]: { $exists: false } }, update: fillUpdate(c, fill), purpose });
  return { checks, steps: [rewrite('rewrite'), command(collModCommand(after)), rewrite('catch-up')], undo: [] };
}
