import { postgresData } from './data-values.js';
import type { SqlDialect } from '../../sql-dialect.js';
import { quoteIdentifier, renderLiteral } from './quote.js';
import { renderOperation } from './render-operation.js';

/**
 * `postgresDialect` is the PostgreSQL `SqlDialect`: quoting, literals and the statements of each
 * operation. Every change is done in place (ALTER TABLE), so nothing needs a table rebuild.
 */
export const postgresDialect = {
  name: 'postgres',
  quoteIdentifier,
  renderLiteral,
  render: renderOperation,
  requiresRebuild: () => false,
  data: postgresData,
} as const satisfies SqlDialect;
