/**
 * `@tidemark/sqlite`: the SQLite backend. better-sqlite3 is a peer dependency loaded only by
 * `connect`, so `capabilities` and `parseSqliteUrl` work without it.
 */
export { sqliteBackend } from './backend.js';
export { capabilities } from './capabilities.js';
export { parseSqliteUrl, type SqliteLocation } from './url.js';
export { connectSqlite, lockTimeoutFromEnv, DEFAULT_LOCK_TIMEOUT_MS, type SqliteConnectOptions } from './connect.js';
export { SqliteConnection, type SqliteConnectionOptions } from './connection.js';
export { SqliteApplier } from './applier.js';
export { SqliteExecutor } from './executor.js';
export { SqliteHistory, HISTORY_TABLE } from './history.js';
export { introspectSqlite, introspectTable, isManagedTable } from './introspect.js';
export { translateSqliteError, sqliteCode, type SqliteErrorContext } from './errors.js';
export type { SqliteDatabase, SqliteDriver, SqliteStatement, SqliteRunResult, SqliteDatabaseOptions } from './driver.js';
