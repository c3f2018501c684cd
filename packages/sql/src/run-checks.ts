import { isTidemarkError, type SchemaOperation, type SchemaSnapshot, type TidemarkError } from '@tidemark/core';

/**
 * `SqlCheck` is one data precheck of a SQL backend: it reads, and throws TM_PRECHECK_FAILED (with
 * a count and samples) when the data would not survive `operation`. `operation` and `before` are
 * in the backend's own (shortened) names.
 */
export type SqlCheck<E> = (executor: E, operation: SchemaOperation, before: SchemaSnapshot) => Promise<void> | void;

/** `CheckMode`: `apply` stops at the first failure (nothing after it needs reading); `precheck` wants them all. */
export type CheckMode = 'first' | 'all';

/** `CheckList` is a backend's checks, in the order they run, shared by `apply` and `precheck`. */
export interface CheckList<E> {
  readonly checks: readonly SqlCheck<E>[];
  /**
   * Checks that may only run when every check before them passed: PostgreSQL's duplicate check
   * compares converted values, and converting a value an earlier check refused is an error that
   * would abort the migration's transaction.
   */
  readonly needPassingValues?: ReadonlySet<SqlCheck<E>>;
  /**
   * Checks whose failure stops every check after them: PostgreSQL's UTF-8 check, since the
   * checks after it decode the bytes it refused, which is an error.
   */
  readonly blocking?: ReadonlySet<SqlCheck<E>>;
}

/**
 * `runChecks` runs a backend's checks on `operation` and returns the failures (TM_PRECHECK_FAILED
 * errors), in check order: the first only in `first` mode, all of them in `all` mode. Any other
 * error (the database cannot be read) is thrown.
 */
export async function runChecks<E>(list: CheckList<E>, executor: E, operation: SchemaOperation, before: SchemaSnapshot,
  mode: CheckMode): Promise<TidemarkError[]> {
  const failures: TidemarkError[] = [];
  for (const check of list.checks) {
    if (failures.length > 0 && list.needPassingValues?.has(check)) continue;
    try {
      await check(executor, operation, before);
    } catch (err) {
      if (!isTidemarkError(err, 'TM_PRECHECK_FAILED')) throw err;
      failures.push(err);
      if (mode === 'first' || list.blocking?.has(check)) break;
    }
  }
  return failures;
}
