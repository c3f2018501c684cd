import { checkConstraint } from './check-constraint.js';
import { duplicates } from './duplicates.js';
import { notNull } from './not-null.js';
import { decimalPrecision, decimalScale, integerRange, numberText, numericText } from './numbers.js';
import { orphans } from './orphans.js';
import type { SqlCheck } from './sql-check.js';
import { booleanValues, enumValues, parsesAs, stringLength, utf8Text } from './text-values.js';

/**
 * `SQL_CHECKS` are the data prechecks of every SQL backend, in the order they run (`apply` stops
 * at the first failure, `precheck` reports them all). Value checks come before the duplicate
 * check, which compares converted values; bytes are checked for text before anything reads them
 * as text. A dialect changes how each check is spelt (`CheckPredicates`), never which checks run
 * or what they say (docs/architecture.md: Where each invariant lives).
 */
export const SQL_CHECKS: readonly SqlCheck[] = [
  notNull, utf8Text, numericText, numberText, parsesAs, booleanValues, integerRange,
  decimalPrecision, decimalScale, stringLength, enumValues, duplicates, orphans, checkConstraint,
];
