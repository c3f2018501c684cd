/**
 * The pure PostgreSQL dialect: operation → statements, no driver. `--dry-run` prints exactly
 * what these return.
 */
export { postgresDialect } from './postgres-dialect.js';
export { renderOperation } from './render-operation.js';
export { renderAlterColumn } from './render-alter-column.js';
export { renderColumnType, NUMBER_TYPES, TEXT_TYPES } from './column-type.js';
export { usingExpression, convertedValue, textForm, TRUE_SPELLINGS, FALSE_SPELLINGS } from './convert-column.js';
export { quoteIdentifier, renderLiteral } from './quote.js';
export { renderDefault } from './render-value.js';
export { shortName, primaryKeyName, enumCheckName, MAX_IDENTIFIER_LENGTH } from './names.js';
export { shortenOperation, shortenSnapshot, shortenTable, markShort } from './shorten.js';
