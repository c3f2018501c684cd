import { backendMissing, redactUrl, type SessionTimeouts, type StatementListener } from '@tidemark/core';
import { MysqlConnection } from './connection.js';
import type { MysqlConnectionHandle, MysqlDriver } from './driver.js';
import { translateMysqlError } from './errors.js';
import { lockTimeoutFromEnv } from './lock.js';
import { serverInfo } from './server.js';
import { SESSION_SETUP } from './session.js';
import { timeoutStatements } from './session-timeouts.js';
import { isLocalLocation, parseMysqlUrl } from './url.js';

/** `MysqlConnectOptions` tune `connectMysql`. */
export interface MysqlConnectOptions {
  /** How long to wait for another run's lock; default TIDEMARK_LOCK_TIMEOUT_MS or 60000. */
  readonly lockTimeoutMs?: number;
  /** The session's lock wait and statement timeout (see session-timeouts.ts). */
  readonly timeouts?: SessionTimeouts;
  /** Hears every statement sent (`--verbose`). */
  readonly onStatement?: StatementListener;
}

async function loadDriver(): Promise<MysqlDriver> {
  try {
    // Imported here, not at the top, so `capabilities` and URL parsing work without the driver.
    return (await import('mysql2/promise')) as unknown as MysqlDriver;
  } catch (err) {
    throw backendMissing('mysql', 'mysql2', err);
  }
}

/**
 * `connectMysql` opens the database a `mysql://` URL names, sets the session up (strict
 * sql_mode, UTC, utf8mb4, see session.ts), learns whether the server is MySQL or MariaDB, and
 * returns its `BackendConnection`. Every failure is a TidemarkError whose message shows the URL
 * without its password.
 * @example const conn = await connectMysql('mysql://root@127.0.0.1:3306/app'); try { … } finally { await conn.close(); }
 */
export async function connectMysql(url: string, options: MysqlConnectOptions = {}): Promise<MysqlConnection> {
  const location = parseMysqlUrl(url);
  const target = redactUrl(url);
  const driver = await loadDriver();
  let handle: MysqlConnectionHandle;
  try {
    handle = await driver.createConnection({
      ...(location.socketPath !== undefined ? { socketPath: location.socketPath } : { host: location.host, port: location.port }),
      ...(location.user !== undefined ? { user: location.user } : {}),
      ...(location.password !== undefined ? { password: location.password } : {}),
      database: location.database,
      charset: 'UTF8MB4_BIN',
      connectTimeout: location.connectTimeoutMs,
      // DATE and DATETIME as the text the server holds: no conversion through the local time zone
      dateStrings: true,
      // BIGINT and DECIMAL as numbers when exact, as text otherwise
      supportBigNumbers: true,
      bigNumberStrings: false,
      // hand-written scripts are split into statements instead (see split-statements.ts)
      multipleStatements: false,
      timezone: 'Z',
      ...(location.ssl ? { ssl: {} } : {}),
    });
  } catch (err) {
    throw translateMysqlError(err, { op: 'connect', target });
  }
  // An idle connection the server closes emits 'error'; the next query reports it instead.
  handle.on('error', () => undefined);
  let version: string;
  try {
    for (const statement of SESSION_SETUP) await handle.query(statement);
    const [rows] = await handle.query('SELECT VERSION() AS version');
    version = String((rows as { version: unknown }[])[0]?.version ?? '');
    for (const statement of timeoutStatements(options.timeouts ?? {}, serverInfo(version))) await handle.query(statement);
  } catch (err) {
    handle.destroy();
    throw translateMysqlError(err, { op: 'connect', target });
  }
  return new MysqlConnection(handle, {
    ...(options.onStatement ? { onStatement: options.onStatement } : {}),
    target,
    database: location.database,
    isLocal: isLocalLocation(location),
    lockTimeoutMs: options.lockTimeoutMs ?? lockTimeoutFromEnv(process.env),
    server: serverInfo(version),
  });
}
