import type { PortableType, SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { CheckPredicates } from './check-predicates.js';
import type { CheckQuery } from './check-query.js';

/**
 * `SqlCheck` is one data precheck, written once for every SQL dialect: from an operation and the
 * schema before it (both in the backend's own, shortened, names) it gives the reads that find
 * the rows the operation would not keep — none when it does not apply.
 */
export interface SqlCheck {
  readonly name: string;
  queries(operation: SchemaOperation, before: SchemaSnapshot, p: CheckPredicates): readonly CheckQuery[];
  /**
   * Its failure stops every check after it: the checks after PostgreSQL's UTF-8 check decode
   * the bytes it refused, which is an error that aborts the transaction.
   */
  readonly blocking?: boolean;
  /**
   * It runs only when every check before it passed: the duplicate check compares converted
   * values, and converting a value an earlier check refused may be an error.
   */
  readonly needsPassingValues?: boolean;
}

/** `NUMBER_SOURCES` are types stored as numbers (booleans as 1/0 or true/false, which convert to 1/0). */
export const NUMBER_SOURCES: readonly PortableType[] = ['i32', 'i64', 'f64', 'decimal', 'boolean'];
/** `NUMBER_TARGETS` are the number types a value may be converted to. */
export const NUMBER_TARGETS: readonly PortableType[] = ['i32', 'i64', 'f64', 'decimal'];
