import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { Precheck } from '@tidemark/sql';
import type { MysqlExecutor } from '../executor.js';
import { checkDuplicates } from './duplicates.js';
import { checkNotNull } from './not-null.js';
import { checkDecimalPrecision, checkIntegerRange, checkNumericText } from './numbers.js';
import { checkOrphans } from './orphans.js';
import {
  checkBooleanValues, checkDateValues, checkEnumValues, checkJsonValues, checkStringLength, checkUuidValues,
} from './text-values.js';

/** `PRECHECKS` lists every MySQL data precheck, in the order they run. */
export const PRECHECKS = [
  checkNotNull, checkDuplicates, checkNumericText, checkIntegerRange, checkDecimalPrecision, checkStringLength, checkEnumValues,
  checkBooleanValues, checkUuidValues, checkDateValues, checkJsonValues, checkOrphans,
] as const;

/**
 * `mysqlPrechecks` returns the `Precheck` the applier runs before each operation: the first
 * failing check throws TM_PRECHECK_FAILED with a count and sample rows, before any statement.
 * This matters more on MySQL than anywhere: its DDL cannot be rolled back, so a check that
 * stopped a change half-way would leave it half-applied. (The session's strict sql_mode makes
 * MySQL refuse what slips through rather than truncate it.)
 */
export function mysqlPrechecks(executor: MysqlExecutor): Precheck {
  return async (operation: SchemaOperation, before: SchemaSnapshot) => {
    for (const check of PRECHECKS) await check(executor, operation, before);
  };
}
