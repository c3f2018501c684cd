import { isDataStep, isTidemarkError, tablesTouched, TidemarkError, type Operation, type OperationApplier } from '@tidemark/core';
import type { StepCheck } from './migration-plan.js';

/** `PrecheckFailure` is one failing data check found before a migration's first step. */
export interface PrecheckFailure {
  /** The 1-based step of the migration the check belongs to. */
  readonly step: number;
  readonly error: TidemarkError;
  /** The migration, when a report covers several (a dry run of every pending migration). */
  readonly migration?: string;
}

/**
 * `aheadOfTime` picks the steps whose data prechecks read only data that exists before the
 * migration: no native statement runs before them (it may change anything) and no earlier step
 * touches one of their tables. Their checks can run before the first step, so a refused
 * migration changes nothing, also where DDL is not transactional. Later steps are still checked
 * by the applier just before they run. `first` is the 0-based index of the first step to run
 * (a resumed migration skips the steps already applied).
 */
export function aheadOfTime<S extends Pick<StepCheck, 'operation'>>(steps: readonly S[], first = 0): { readonly index: number; readonly step: S }[] {
  const touched = new Set<string>();
  const picked: { index: number; step: S }[] = [];
  for (let index = first; index < steps.length; index++) {
    const step = steps[index]!;
    const tables = tablesTouched(step.operation);
    if (tables === undefined) break;
    if (tables.every((t) => !touched.has(t))) picked.push({ index, step });
    for (const t of tables) touched.add(t);
  }
  return picked;
}

/**
 * `runPrechecksAhead` runs, read-only, the prechecks of every step `aheadOfTime` picks and
 * returns all failures (not only the first), each with its step.
 */
export async function runPrechecksAhead(applier: OperationApplier, steps: readonly StepCheck[], first = 0): Promise<PrecheckFailure[]> {
  const failures: PrecheckFailure[] = [];
  for (const { index, step } of aheadOfTime(steps, first)) {
    for (const error of await precheckAhead(applier, step.operation)) failures.push({ step: index + 1, error });
  }
  return failures;
}

/** The operation kinds that read data before they change anything (the others have no prechecks). */
const CHECKED_KINDS = new Set<Operation['kind']>(['addColumn', 'alterColumn', 'alterPrimaryKey', 'createIndex', 'addForeignKey']);

/**
 * `precheckAhead` runs one step's prechecks before the migration's first step. Its tables are
 * untouched by the steps before it, but the live schema around them may not be what the step
 * will meet (a table an earlier step stops referencing): a step that does not fit the live
 * schema yet is not a data verdict, so it is left to the check just before it runs.
 */
export async function precheckAhead(applier: OperationApplier, operation: Operation): Promise<readonly TidemarkError[]> {
  if (isDataStep(operation) || !CHECKED_KINDS.has(operation.kind)) return [];
  try {
    return await applier.precheck(operation);
  } catch (err) {
    if (isTidemarkError(err) && (err.code === 'TM_MIGRATION_INVALID' || err.code === 'TM_UNSUPPORTED_OPERATION')) return [];
    throw err;
  }
}

/** `prechecksFailed` is one TM_PRECHECK_FAILED naming every failing check and its step. */
export function prechecksFailed(id: string, failures: readonly PrecheckFailure[], stepsApplied: number): TidemarkError {
  const lines = failures.map((f) => `${f.migration && f.migration !== id ? `${f.migration} ` : ''}step ${f.step}: ${f.error.message}`);
  const hints = [...new Set(failures.map((f) => f.error.hint).filter(Boolean))];
  return new TidemarkError('TM_PRECHECK_FAILED', {
    message: failures.length === 1
      ? `${id} step ${failures[0]!.step}: ${failures[0]!.error.message}; nothing was changed (checked before the first step that ran)`
      : `${id}: ${failures.length} data prechecks failed before the first step that ran, so nothing was changed:\n  - ${lines.join('\n  - ')}`,
    hint: hints.join('; '),
    details: {
      migration: id, step: failures[0]!.step, stepsApplied,
      failures: failures.map((f) => ({ migration: f.migration ?? id, step: f.step, ...f.error.details })),
    },
  });
}
