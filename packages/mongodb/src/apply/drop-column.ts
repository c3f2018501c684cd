import type { DropColumn } from '@tidemark/core';
import { collModCommand } from '../schema/validator.js';
import { tableIn, type PlanContext } from './context.js';
import { command, type MongoPlan } from './plan.js';

/**
 * dropColumn (destructive): `collMod` first, so the validator stops requiring the field, then
 * `$unset` it from every document in batches.
 */
export function planDropColumn(op: DropColumn, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  return {
    checks: [],
    steps: [
      command(collModCommand(tableIn(ctx.after, op.table))),
      { kind: 'rewrite', collection: op.table, filter: { [op.column]: { $exists: true } }, update: { $unset: { [op.column]: '' } }, purpose: 'rewrite' },
    ],
    undo: [],
  };
}
