export * from './altered-column.js';
export * from './check-predicates.js';
export * from './check-query.js';
export * from './sql-check.js';
export * from './checks.js';
export * from './run-checks.js';
