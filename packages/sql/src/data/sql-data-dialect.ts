import type { ColumnSnapshot, DataValue } from '@tidemark/core';
import type { SqlValue } from '../sql-executor.js';

/**
 * `SqlDataDialect` is what a SQL dialect says about data steps; everything else (conditions,
 * batches, resuming, progress) is one code in `run-data-change.ts`. Each dialect's
 * `data-values.ts` implements it.
 */
export interface SqlDataDialect {
  /** `placeholder` is the parameter marker number `index` (1-based): `$1` or `?`. */
  placeholder(index: number, column?: ColumnSnapshot): string;
  /** `toSqlValue` turns a normalised value (core's `normalizeValue`) into what the column stores. */
  toSqlValue(column: ColumnSnapshot, value: DataValue): SqlValue;
  /** `fromSqlValue` turns what the driver read back into the normalised value (booleans from 0/1, json parsed …). */
  fromSqlValue(column: ColumnSnapshot, raw: unknown): DataValue;
  /**
   * `renderBatchUpdate` is one statement that gives each of `rows` rows (identified by `key`) its
   * own values for `set`; parameters are, row by row, the key columns then the set columns.
   */
  renderBatchUpdate(table: string, key: readonly ColumnSnapshot[], set: readonly ColumnSnapshot[], rows: number): string;
}
