import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { Precheck } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { checkBooleanValues } from './boolean-values.js';
import { checkDecimalPrecision } from './decimal-precision.js';
import { checkDuplicates } from './duplicates.js';
import { checkEnumValues } from './enum-values.js';
import { checkIntegerRange } from './integer-range.js';
import { checkNotNull } from './not-null.js';
import { checkNumericText } from './numeric-text.js';
import { checkOrphans } from './orphans.js';
import { checkStringLength } from './string-length.js';

/** `PRECHECKS` lists every SQLite data precheck, in the order they run. */
export const PRECHECKS = [
  checkNotNull, checkDuplicates, checkNumericText, checkIntegerRange, checkDecimalPrecision, checkStringLength, checkEnumValues, checkBooleanValues, checkOrphans,
] as const;

/**
 * `sqlitePrechecks` returns the `Precheck` the applier runs before each operation: the first
 * failing check throws TM_PRECHECK_FAILED with a count and sample rows, before anything changes.
 */
export function sqlitePrechecks(executor: SqliteExecutor): Precheck {
  return async (operation: SchemaOperation, before: SchemaSnapshot) => {
    for (const check of PRECHECKS) check(executor, operation, before);
  };
}
