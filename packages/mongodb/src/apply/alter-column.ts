import { findColumn, type AlterColumn } from '@tidemark/core';
import { fieldPath } from '../document.js';
import { conversionFor } from '../convert/conversion.js';
import { conversionCheck, duplicateCheck, notNullCheck, uniqueIndexesOver } from '../prechecks/checks.js';
import { indexSpec } from '../schema/index-spec.js';
import { collModCommand } from '../schema/validator.js';
import { tableIn, type PlanContext } from './context.js';
import { command, type DataCheck, type MongoPlan, type RewriteStep } from './plan.js';
import { rebuildIndexes } from './rebuild-indexes.js';

/**
 * alterColumn: prechecks first (NULLs before NOT NULL, values that do not convert or fit, values
 * of a unique index that would repeat once converted), then, when the stored values change
 * (i32 → i64, text → boolean, rounding to a smaller scale…): relax the validator (the column is
 * unconstrained while both forms exist), convert the values in batches with an update pipeline,
 * rebuild the unique indexes whose partial filter changed, tighten the validator to the new
 * column, and catch up on documents written in the old form meanwhile. A change that keeps the
 * stored values (longer string, new default, nullability) is one `collMod`.
 */
export function planAlterColumn(op: AlterColumn, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  const before = tableIn(ctx.before, op.table);
  const after = tableIn(ctx.after, op.table);
  const from = findColumn(before, op.column)!;
  const to = findColumn(after, op.column)!;
  const conversion = conversionFor(op.table, op.column, from, to);
  const checks: DataCheck[] = [];
  if (from.nullable && !to.nullable) checks.push(notNullCheck(before, op.column));
  if (conversion.mayFail) checks.push(conversionCheck(before, op.column, conversion));
  if (conversion.mayFail && conversion.inexact) checks.push(conversionCheck(before, op.column, conversion.inexact));
  if (conversion.rewrites) {
    const expressions = new Map([[op.column, conversion.converted(fieldPath(op.column))]]);
    for (const u of uniqueIndexesOver(before, op.column)) {
      checks.push(duplicateCheck(before, u.columns, {
        check: u.check, partial: u.partial, expressions,
        hint: `converted to ${to.type}, these values would repeat; change them first, or drop the unique index`,
      }));
    }
  }
  const changed = before.indexes
    .filter((i) => i.columns.includes(op.column) && JSON.stringify(indexSpec(before, i)) !== JSON.stringify(indexSpec(after, i)))
    .map((i) => i.name);
  const rebuild = rebuildIndexes(before, after, false, changed);
  const rewrite = (purpose: RewriteStep['purpose']): RewriteStep =>
    ({ kind: 'rewrite', collection: op.table, filter: conversion.rewriteFilter, update: conversion.rewriteUpdate, purpose });
  const steps = conversion.rewrites
    ? [command(collModCommand(before, new Set([op.column]))), rewrite('rewrite'), ...rebuild.drop, ...rebuild.create, command(collModCommand(after)), rewrite('catch-up')]
    : [...rebuild.drop, ...rebuild.create, command(collModCommand(after))];
  return { checks, steps, undo: [] };
}
