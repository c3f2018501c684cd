/**
 * `@tidemark/sql`: dialect-neutral plumbing for SQL backends (`SqlApplier`, `SqlDialect`,
 * `SqlExecutor`) and the dialects' pure renderers. The SQLite dialect's helpers live under the
 * `sqlite` namespace (`sqlite.renderOperation`, `sqlite.quoteIdentifier`, …), so PostgreSQL and
 * MySQL can sit beside it with the same names.
 */
export * from './sql-dialect.js';
export * from './sql-executor.js';
export * from './sql-applier.js';
export * from './run-checks.js';
export * from './altered-column.js';
export * as sqlite from './dialects/sqlite/index.js';
export { sqliteDialect } from './dialects/sqlite/sqlite-dialect.js';

