import type { AddForeignKey, DropForeignKey } from '@tidemark/core';
import { collModCommand } from '../schema/validator.js';
import { tableIn, type PlanContext } from './context.js';
import { command, type MongoPlan } from './plan.js';

/**
 * addForeignKey / dropForeignKey: MongoDB has no foreign keys. The key is recorded in the
 * validator's metadata (one `collMod`) so the schema stays whole, and is never enforced: no
 * check that parents exist, no cascade, nothing stops an orphan. The README says so.
 */
export function planForeignKey(op: AddForeignKey | DropForeignKey, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  return { checks: [], steps: [command(collModCommand(tableIn(ctx.after, op.table)))], undo: [] };
}
