import { mysqlData } from './data-values.js';
import type { SqlDialect } from '../../sql-dialect.js';
import { quoteIdentifier, renderLiteral } from './quote.js';
import { renderOperation } from './render-operation.js';

/**
 * `mysqlDialect` is the MySQL `SqlDialect`: quoting, literals and the statements of each
 * operation. It is pure (no driver, no server): the same operation and schema always give the
 * same text, valid on MySQL 8.0.13+ and MariaDB 10.5+. Nothing is ever rebuilt (every change is
 * an ALTER TABLE), so no cascade can fire while a table changes.
 */
export const mysqlDialect = {
  name: 'mysql',
  quoteIdentifier,
  renderLiteral,
  render: renderOperation,
  requiresRebuild: () => false,
  data: mysqlData,
} as const satisfies SqlDialect;
