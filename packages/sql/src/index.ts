/**
 * `@tidemark/sql`: all of Tidemark's SQL knowledge, with no driver: dialect-neutral plumbing for
 * SQL backends (`SqlApplier`, `SqlDialect`, `SqlExecutor`) and the three dialects' pure
 * renderers, each under its namespace (`sqlite.renderOperation`, `postgres.quoteIdentifier`, …)
 * and subpath (`@tidemark/sql/postgres`), with the same file and function names for the same job.
 */
export * from './sql-dialect.js';
export * from './sql-executor.js';
export * from './sql-applier.js';
export * from './prechecks/index.js';
export * from './boolean-spellings.js';
export * as sqlite from './dialects/sqlite/index.js';
export * as postgres from './dialects/postgres/index.js';
export * as mysql from './dialects/mysql/index.js';
export { sqliteDialect } from './dialects/sqlite/dialect.js';
export { postgresDialect } from './dialects/postgres/dialect.js';
export { mysqlDialect } from './dialects/mysql/dialect.js';

export * from './data/sql-data-dialect.js';
export * from './data/sql-values.js';
export * from './data/run-data-change.js';
export * from './data/render-predicate.js';
