/**
 * `@tidemark/mysql`: the MySQL and MariaDB backend. mysql2 is loaded only by `connect`, so
 * `capabilities`, URL parsing and the dialect (the statements `--dry-run` prints) work without it.
 */
export { mysqlBackend } from './backend.js';
export { capabilities } from './capabilities.js';
export { parseMysqlUrl, isLocalLocation, DEFAULT_MYSQL_PORT, type MysqlLocation } from './url.js';
export { connectMysql, type MysqlConnectOptions } from './connect.js';
export { MysqlConnection, type MysqlConnectionInit } from './connection.js';
export { MysqlApplier } from './applier.js';
export { MysqlExecutor, type ExecuteResult } from './executor.js';
export { MysqlHistory, HISTORY_TABLE } from './history.js';
export { withMysqlLock, lockName, lockTimeoutFromEnv, DEFAULT_LOCK_TIMEOUT_MS } from './lock.js';
export { introspectMysql, isManagedTable, type IntrospectionQuery } from './introspect/introspect.js';
export { parseColumnType, parseEnumValues, type ColumnTypeRow, type ParsedType } from './introspect/column-type.js';
export { parseDefault } from './introspect/parse-default.js';
export { translateMysqlError, mysqlCode, type MysqlErrorContext } from './errors.js';
export { splitStatements } from './split-statements.js';
export { serverInfo, type ServerInfo, type ServerFlavor } from './server.js';
export { SQL_MODE } from './session.js';
export * as dialect from '@tidemark/sql/mysql';
export { mysqlDialect } from '@tidemark/sql/mysql';
export type { MysqlDriver, MysqlConnectionHandle, MysqlConnectionOptions, MysqlResultHeader } from './driver.js';
