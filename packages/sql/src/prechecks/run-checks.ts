import type { SchemaOperation, SchemaSnapshot, TidemarkError } from '@tidemark/core';
import type { SqlExecutor } from '../sql-executor.js';
import type { CheckPredicates } from './check-predicates.js';
import { runQuery, type CheckQuery, type PlainValue } from './check-query.js';
import { SQL_CHECKS } from './checks.js';
import type { SqlCheck } from './sql-check.js';
import type { Precheck } from '../sql-applier.js';

/** `CheckMode`: `apply` stops at the first failure (nothing after it needs reading); `precheck` wants them all. */
export type CheckMode = 'first' | 'all';

/** `PlannedCheck` is one check with the reads it makes for an operation. */
export interface PlannedCheck {
  readonly check: SqlCheck;
  readonly queries: readonly CheckQuery[];
}

/**
 * `planChecks` returns, for `operation` on a database whose schema is `before` (both in the
 * backend's own names), the checks that apply and the reads each makes, in order. It is pure:
 * the same operation, schema and dialect always give the same SQL.
 */
export function planChecks(operation: SchemaOperation, before: SchemaSnapshot, p: CheckPredicates,
  checks: readonly SqlCheck[] = SQL_CHECKS): PlannedCheck[] {
  return checks.map((check) => ({ check, queries: check.queries(operation, before, p) })).filter((c) => c.queries.length > 0);
}

/**
 * `runChecks` runs the checks of `operation` and returns the failures (TM_PRECHECK_FAILED
 * errors), at most one per check, in check order: the first only in `first` mode, all of them in
 * `all` mode. Any other error (the database cannot be read) is thrown.
 */
export async function runChecks(executor: SqlExecutor, p: CheckPredicates, operation: SchemaOperation, before: SchemaSnapshot,
  mode: CheckMode, plainValue?: PlainValue): Promise<TidemarkError[]> {
  const failures: TidemarkError[] = [];
  for (const { check, queries } of planChecks(operation, before, p)) {
    if (failures.length > 0 && check.needsPassingValues) continue;
    let failure: TidemarkError | undefined;
    for (const query of queries) {
      failure = await runQuery(executor, p, query, plainValue);
      if (failure) break;
    }
    if (!failure) continue;
    failures.push(failure);
    if (mode === 'first' || check.blocking) break;
  }
  return failures;
}

/**
 * `sqlPrechecks` is the `Precheck` a SQL backend's applier runs before each operation (`first`:
 * the failure it throws before anything changes) and for `precheck` (`all`): the shared checks,
 * spelt in the backend's dialect, on its connection.
 */
export function sqlPrechecks(p: CheckPredicates, executor: SqlExecutor, plainValue?: PlainValue): Precheck {
  return async (operation, before, mode) => runChecks(executor, p, operation, before, mode, plainValue);
}
