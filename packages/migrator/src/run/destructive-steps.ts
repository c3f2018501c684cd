import { isTidemarkError, TidemarkError, type Operation, type OperationApplier, type Warning } from '@tidemark/core';
import type { StepCheck } from './migration-plan.js';
import { aheadOfTime } from './prechecks-ahead.js';

/**
 * `DestructiveStep` is one step that loses data, as the question before a run shows it: what it
 * drops or narrows and, where it could be counted, how many rows (or values) hold data now.
 */
export interface DestructiveStep {
  readonly migration: string;
  /** The 1-based step of the migration. */
  readonly step: number;
  readonly warning: Warning;
  readonly table: string;
  /** The column, for a step that loses one column's values. */
  readonly column?: string;
  /** The rows of `table` (with `column`: the rows where it holds a value) now; absent when not counted. */
  readonly rows?: number;
  /** Why `rows` is absent. */
  readonly notCounted?: string;
}

/**
 * `ConfirmDestructive` asks a person whether the destructive steps may run (the CLI on a
 * terminal); `true` runs them, `false` refuses the run before anything is applied.
 */
export type ConfirmDestructive = (steps: readonly DestructiveStep[]) => Promise<boolean>;

/** One planned migration, as far as the question needs it. @internal */
export interface RiskyRun {
  readonly id: string;
  readonly steps: readonly StepCheck[];
  /** Steps already in the database (a resumed migration): not asked about. */
  readonly skip: number;
}

/** What a destructive operation loses: a whole table's rows, or one column's values. */
function lossOf(operation: Operation): { table: string; column?: string } | undefined {
  switch (operation.kind) {
    case 'dropTable': return { table: operation.table };
    case 'alterPrimaryKey': return { table: operation.table };
    case 'dropColumn':
    case 'alterColumn': return { table: operation.table, column: operation.column };
    default: return undefined;
  }
}

/**
 * `destructiveSteps` lists every destructive step of `runs` and counts, read-only, the data each
 * would lose. Only steps whose tables no earlier step of the run touches are counted (the same
 * rule as the prechecks before the first step: `aheadOfTime`); the others say why not.
 * @internal
 */
export async function destructiveSteps(runs: readonly RiskyRun[], applier: OperationApplier): Promise<DestructiveStep[]> {
  const all = runs.flatMap((r) => r.steps.slice(r.skip).map((step, i) => ({ operation: step.operation, step, id: r.id, number: r.skip + i + 1 })));
  const countable = new Set(aheadOfTime(all).map((p) => p.index));
  const out: DestructiveStep[] = [];
  for (const [index, s] of all.entries()) {
    const loss = lossOf(s.operation);
    for (const warning of s.step.warnings) {
      const base = { migration: s.id, step: s.number, warning, table: loss?.table ?? '?', ...(loss?.column !== undefined ? { column: loss.column } : {}) };
      if (!loss || !applier.countAtRisk) { out.push({ ...base, notCounted: 'this backend cannot count it' }); continue; }
      if (!countable.has(index)) { out.push({ ...base, notCounted: 'an earlier step changes this table first' }); continue; }
      try {
        out.push({ ...base, rows: await applier.countAtRisk(loss.table, loss.column) });
      } catch (err) {
        if (!isTidemarkError(err)) throw err;
        out.push({ ...base, notCounted: `it could not be read (${err.message})` });
      }
    }
  }
  return out;
}

/** `destructiveDeclined` is the refusal when the person at the terminal answered No. @internal */
export function destructiveDeclined(steps: readonly DestructiveStep[]): TidemarkError {
  const ids = [...new Set(steps.map((s) => s.migration))];
  return new TidemarkError('TM_DESTRUCTIVE_REFUSED', {
    message: `you answered No to the destructive step(s) of ${ids.join(', ')}; nothing was applied`,
    hint: 'review the migration; when its data may go, answer Yes or run again with --allow-destructive',
    details: { ids, warnings: steps.map((s) => ({ migration: s.migration, step: s.step, ...s.warning })), declined: true },
  });
}
