import { runChecks, type CheckList, type Precheck } from '@tidemark/sql';
import type { MysqlExecutor } from '../executor.js';
import { checkDuplicates } from './duplicates.js';
import { checkNotNull } from './not-null.js';
import { checkDecimalPrecision, checkDecimalScale, checkIntegerRange, checkNumberText, checkNumericText } from './numbers.js';
import { checkOrphans } from './orphans.js';
import {
  checkBooleanValues, checkDateValues, checkEnumValues, checkJsonValues, checkStringLength, checkUuidValues,
} from './text-values.js';

/** `PRECHECKS` lists every MySQL data precheck, in the order they run (`apply` and `precheck` share it). */
export const PRECHECKS: CheckList<MysqlExecutor> = {
  checks: [
    checkNotNull, checkDuplicates, checkNumericText, checkNumberText, checkIntegerRange, checkDecimalPrecision, checkDecimalScale,
    checkStringLength, checkEnumValues, checkBooleanValues, checkUuidValues, checkDateValues, checkJsonValues, checkOrphans,
  ],
};

/**
 * `mysqlPrechecks` returns the `Precheck` the applier runs before each operation (`apply`:
 * the first failure, thrown before any statement) and for `precheck` (every failure).
 * This matters more on MySQL than anywhere: its DDL cannot be rolled back, so a check that
 * stopped a change half-way would leave it half-applied. (The session's strict sql_mode makes
 * MySQL refuse what slips through rather than truncate it.)
 */
export function mysqlPrechecks(executor: MysqlExecutor): Precheck {
  return async (operation, before, mode) => runChecks(PRECHECKS, executor, operation, before, mode);
}
