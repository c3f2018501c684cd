import { sqliteData } from './data-values.js';
import type { SqlDialect } from '../../sql-dialect.js';
import { requiresRebuild } from './in-place.js';
import { quoteIdentifier, renderLiteral } from './quote.js';
import { renderOperation } from './render-operation.js';

/** `sqliteDialect` is the SQLite `SqlDialect`: quoting, literals and the statements of each operation. */
export const sqliteDialect = {
  name: 'sqlite',
  quoteIdentifier,
  renderLiteral,
  render: renderOperation,
  requiresRebuild,
  data: sqliteData,
} as const satisfies SqlDialect;
