import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { Precheck, SqlExecutor } from '@tidemark/sql';
import type { PgPrecheck } from './altered-column.js';
import { checkBooleanValues } from './boolean-values.js';
import { checkDecimalPrecision } from './decimal-precision.js';
import { checkDuplicates } from './duplicates.js';
import { checkEnumValues } from './enum-values.js';
import { checkIntegerRange } from './integer-range.js';
import { checkNotNull } from './not-null.js';
import { checkNumericText } from './numeric-text.js';
import { checkOrphans } from './orphans.js';
import { checkParsesAs } from './parses-as.js';
import { checkStringLength } from './string-length.js';
import { checkUtf8Bytes } from './utf8-bytes.js';

/**
 * `PRECHECKS` lists every PostgreSQL data precheck, in the order they run. Each one's SQL cannot
 * fail on the data (a failed statement would abort the migration's transaction): value checks
 * guard their conversions with CASE, bytes are checked for UTF-8 before anything decodes them,
 * and the duplicate check, which compares converted values, runs after every value check.
 */
export const PRECHECKS: readonly PgPrecheck[] = [
  checkNotNull, checkUtf8Bytes, checkNumericText, checkParsesAs, checkBooleanValues, checkIntegerRange, checkDecimalPrecision,
  checkStringLength, checkEnumValues, checkDuplicates, checkOrphans,
];

/**
 * `postgresPrechecks` returns the `Precheck` the applier runs before each operation's statements:
 * the first failing check throws TM_PRECHECK_FAILED with a count and sample rows, before anything
 * changes. The operation and schema are already shortened (see `shortenOperation`).
 */
export function postgresPrechecks(executor: SqlExecutor): Precheck {
  return async (operation: SchemaOperation, before: SchemaSnapshot) => {
    for (const check of PRECHECKS) await check(executor, operation, before);
  };
}
