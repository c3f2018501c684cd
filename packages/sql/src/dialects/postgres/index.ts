/**
 * The pure PostgreSQL dialect: operation → statements, no driver. `--dry-run` prints exactly
 * what these return. The file names match the SQLite and MySQL dialects job for job
 * (docs/architecture.md: Packages and what they may import).
 */
export * from './quote.js';
export * from './shorten.js';
export * from './constraint-names.js';
export * from './column-type.js';
export * from './array-text.js';
export * from './render-column.js';
export * from './render-create-table.js';
export * from './convert-column.js';
export * from './render-alter-column.js';
export * from './render-operation.js';
export * from './check-predicates.js';
export * from './dialect.js';
export * from './data-values.js';
