/**
 * `@tidemark/postgres`: the PostgreSQL backend, on node-postgres (`pg`). The driver is loaded only
 * by `connect`, so `capabilities`, URL parsing and the dialect work without it.
 */
export { postgresBackend } from './backend.js';
export { capabilities } from './capabilities.js';
export { parsePostgresUrl, isLocalHost, SUPPORTED_PARAMETERS, type PostgresLocation } from './url.js';
export { connectPostgres, type PostgresConnectOptions } from './connect.js';
export { PostgresConnection, type PostgresConnectionOptions } from './connection.js';
export { PostgresApplier } from './applier.js';
export { PgExecutor } from './executor.js';
export { PostgresHistory, HISTORY_TABLE } from './history.js';
export { introspectPostgres, isManagedTable } from './introspect/introspect.js';
export { translatePgError, sqlState, type PgErrorContext } from './errors.js';
export { advisoryLockKey, lockTimeoutFromEnv, DEFAULT_LOCK_TIMEOUT_MS } from './lock.js';
export * from '@tidemark/sql/postgres';
export type { PgClient, PgDriver, PgResult, PgClientConfig } from './driver.js';
