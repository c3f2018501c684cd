import type { Dialect, Operation, SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlDataDialect } from './data/sql-data-dialect.js';

/**
 * `SqlDialect` is what a SQL backend's dialect provides to `SqlApplier`: how to quote names and
 * values, and the exact statements for each operation. Renderers MUST be pure: the same
 * operation and schema always give the same text, which is also what `--dry-run` prints.
 */
export interface SqlDialect {
  readonly name: Dialect;
  /** `quoteIdentifier` quotes a table, column, index or constraint name, whatever it contains. */
  quoteIdentifier(name: string): string;
  /** `renderLiteral` renders a value as a SQL literal. */
  renderLiteral(value: string | number | boolean | null): string;
  /**
   * `render` returns the statements that apply `operation` to a database whose schema is
   * `before`. It MUST throw a TidemarkError (never return `[]`) for an operation it cannot express.
   */
  render(operation: Operation, before: SchemaSnapshot): string[];
  /**
   * `requiresRebuild` tells whether `operation` recreates a table (copy, drop, rename), which a
   * backend must run with foreign key actions switched off so that no cascade fires.
   */
  requiresRebuild(operation: SchemaOperation, before: SchemaSnapshot): boolean;
  /** `data` is how data steps (insert, update, back-fill) bind and read values and write a batch. */
  readonly data: SqlDataDialect;
}
