import { runChecks, type CheckList, type Precheck, type SqlExecutor } from '@tidemark/sql';
import { checkBooleanValues } from './boolean-values.js';
import { checkDecimalPrecision } from './decimal-precision.js';
import { checkDuplicates } from './duplicates.js';
import { checkEnumValues } from './enum-values.js';
import { checkDecimalScale, checkNumberText } from './exact-numbers.js';
import { checkIntegerRange } from './integer-range.js';
import { checkNotNull } from './not-null.js';
import { checkNumericText } from './numeric-text.js';
import { checkOrphans } from './orphans.js';
import { checkParsesAs } from './parses-as.js';
import { checkStringLength } from './string-length.js';
import { checkUtf8Bytes } from './utf8-bytes.js';

/**
 * `PRECHECKS` lists every PostgreSQL data precheck, in the order they run (`apply` and `precheck`
 * share it). Each one's SQL cannot fail on the data (a failed statement would abort the
 * migration's transaction): value checks guard their conversions with CASE, bytes are checked
 * for UTF-8 before anything decodes them (and nothing after that check runs when it fails), and
 * the duplicate check, which compares converted values, runs only when every value check passed.
 */
export const PRECHECKS: CheckList<SqlExecutor> = {
  checks: [
    checkNotNull, checkUtf8Bytes, checkNumericText, checkNumberText, checkParsesAs, checkBooleanValues, checkIntegerRange,
    checkDecimalPrecision, checkDecimalScale, checkStringLength, checkEnumValues, checkDuplicates, checkOrphans,
  ],
  blocking: new Set([checkUtf8Bytes]),
  needPassingValues: new Set([checkDuplicates]),
};

/**
 * `postgresPrechecks` returns the `Precheck` the applier runs before each operation's statements
 * (`apply`: the first failure, thrown before anything changes) and for `precheck` (every
 * failure). The operation and schema are already shortened (see `shortenOperation`).
 */
export function postgresPrechecks(executor: SqlExecutor): Precheck {
  return async (operation, before, mode) => runChecks(PRECHECKS, executor, operation, before, mode);
}
