import { redactUrl, urlInvalid } from '@tidemark/core';

/** `MysqlLocation` is where a `mysql://` URL points, decoded. */
export interface MysqlLocation {
  readonly host: string;
  readonly port: number;
  /** A Unix socket (`?socket=/run/mysqld/mysqld.sock`), used instead of host and port. */
  readonly socketPath?: string;
  readonly user?: string;
  readonly password?: string;
  readonly database: string;
  /** `?ssl=true`: connect over TLS, verifying the server certificate. */
  readonly ssl: boolean;
  /** `?connectTimeout=ms`: how long to wait for the server; default 10 s. */
  readonly connectTimeoutMs: number;
}

/** `DEFAULT_MYSQL_PORT` is MySQL's and MariaDB's port. */
export const DEFAULT_MYSQL_PORT = 3306;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const PARAMS = ['ssl', 'socket', 'connectTimeout'];
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * `parseMysqlUrl` reads `mysql://user:password@host:port/database` (README: Backends, URL row), also spelled
 * `mariadb://`. User, password and database are percent-decoded; the port defaults to 3306.
 * Query parameters: `ssl=true|false`, `socket=/path` and `connectTimeout=<ms>`; any other one is
 * TM_URL_INVALID rather than silently ignored. Messages never show the password.
 * @example parseMysqlUrl('mysql://root@127.0.0.1:3306/app') // { host: '127.0.0.1', port: 3306, user: 'root', database: 'app', … }
 */
export function parseMysqlUrl(url: string): MysqlLocation {
  const shown = redactUrl(url);
  if (!/^(mysql|mariadb):\/\//i.test(url)) throw urlInvalid(shown, 'is not a mysql:// URL (write mysql://user:password@host:3306/database)');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw urlInvalid(shown, 'cannot be parsed (write mysql://user:password@host:3306/database; percent-encode special characters in the password)');
  }
  const decode = (part: string, what: string): string => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw urlInvalid(shown, `has a badly percent-encoded ${what}`);
    }
  };
  const database = decode(parsed.pathname.replace(/^\//, ''), 'database name');
  if (database === '' || database.includes('/')) throw urlInvalid(shown, 'names no database (write mysql://user:password@host:3306/database)');
  for (const key of parsed.searchParams.keys()) {
    if (!PARAMS.includes(key)) throw urlInvalid(shown, `has an unknown parameter ${key} (known: ${PARAMS.join(', ')})`);
  }
  const ssl = parsed.searchParams.get('ssl');
  if (ssl !== null && ssl !== 'true' && ssl !== 'false') throw urlInvalid(shown, 'has ssl= other than true or false');
  const timeout = parsed.searchParams.get('connectTimeout');
  const connectTimeoutMs = timeout === null ? DEFAULT_CONNECT_TIMEOUT_MS : Number(timeout);
  if (!Number.isInteger(connectTimeoutMs) || connectTimeoutMs <= 0) throw urlInvalid(shown, 'has connectTimeout= that is not a positive number of milliseconds');
  const socket = parsed.searchParams.get('socket');
  // WHATWG URL keeps the brackets of an IPv6 host; the driver wants the bare address
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '' && socket === null) throw urlInvalid(shown, 'names no host');
  const port = parsed.port === '' ? DEFAULT_MYSQL_PORT : Number(parsed.port);
  return {
    host: host === '' ? 'localhost' : host,
    port,
    ...(socket !== null ? { socketPath: socket } : {}),
    ...(parsed.username !== '' ? { user: decode(parsed.username, 'user') } : {}),
    ...(parsed.password !== '' ? { password: decode(parsed.password, 'password') } : {}),
    database,
    ssl: ssl === 'true',
    connectTimeoutMs,
  };
}

/** `isLocalLocation` tells whether the URL points at this machine (a Unix socket, localhost, a loopback address). */
export function isLocalLocation(location: MysqlLocation): boolean {
  return location.socketPath !== undefined || LOCAL_HOSTS.has(location.host.toLowerCase()) || location.host.startsWith('127.');
}
