import { runChecks, type CheckList, type Precheck } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { checkBooleanValues } from './boolean-values.js';
import { checkDecimalPrecision } from './decimal-precision.js';
import { checkDuplicates } from './duplicates.js';
import { checkEnumValues } from './enum-values.js';
import { checkIntegerRange } from './integer-range.js';
import { checkNotNull } from './not-null.js';
import { checkDecimalScale, checkNumberText } from './exact-numbers.js';
import { checkNumericText } from './numeric-text.js';
import { checkOrphans } from './orphans.js';
import { checkStringLength } from './string-length.js';

/** `PRECHECKS` lists every SQLite data precheck, in the order they run (`apply` and `precheck` share it). */
export const PRECHECKS: CheckList<SqliteExecutor> = {
  checks: [
    checkNotNull, checkDuplicates, checkNumericText, checkNumberText, checkIntegerRange, checkDecimalPrecision, checkDecimalScale,
    checkStringLength, checkEnumValues, checkBooleanValues, checkOrphans,
  ],
};

/**
 * `sqlitePrechecks` returns the `Precheck` the applier runs before each operation (`apply`: the
 * first failure, which it throws before anything changes) and for `precheck` (every failure).
 */
export function sqlitePrechecks(executor: SqliteExecutor): Precheck {
  return async (operation, before, mode) => runChecks(PRECHECKS, executor, operation, before, mode);
}
