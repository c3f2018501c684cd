import { redactUrl, urlInvalid } from '@tidemark/core';
import type { PgClientConfig } from './driver.js';

/**
 * What a `postgres://` URL may say (README: Backends, URL row), in libpq's URI form
 * (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS):
 *
 *   postgres[ql]://[user[:password]@][host][:port][/database][?param=value&…]
 *
 * - user, password, host, port and database as libpq reads them; each may be percent-encoded.
 *   What the URL leaves out comes from the usual PG* environment variables (PGUSER, PGPASSWORD,
 *   PGHOST, …), then localhost:5432 and a database named after the user.
 * - host may be `[::1]` (IPv6), or a Unix socket directory, percent-encoded in the host part
 *   (`postgres://%2Fvar%2Frun%2Fpostgresql/db`) or given as `?host=/var/run/postgresql`.
 * - `schema=name`: the schema Tidemark manages (default `public`). It becomes the connection's
 *   search_path, is created if missing, and is the only schema introspection reads.
 * - `sslmode=disable|allow|prefer|require|verify-ca|verify-full`: `require` encrypts without
 *   verifying the certificate, `verify-ca`/`verify-full` verify it; `allow`/`prefer` connect
 *   without TLS (node-postgres cannot fall back from one to the other).
 * - `application_name=…` (default `tidemark`), `connect_timeout=<seconds>` (default 10; 0 waits for ever).
 *
 * Any other parameter is refused, so a misspelt `?shema=app` cannot quietly manage `public`.
 */
export const SUPPORTED_PARAMETERS = ['schema', 'sslmode', 'host', 'port', 'application_name', 'connect_timeout'] as const;

/** `PostgresLocation` is what a parsed URL says: how to connect, and which schema to manage. */
export interface PostgresLocation {
  readonly client: PgClientConfig;
  /** The schema Tidemark manages. */
  readonly schema: string;
  /** Whether the server is on this machine (localhost, a loopback address or a Unix socket). */
  readonly isLocal: boolean;
  /** The URL with its password hidden. */
  readonly target: string;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

function decode(url: string, part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw urlInvalid(redactUrl(url), `has a badly percent-encoded ${what}`);
  }
}

/** `isLocalHost` tells whether a host names this machine: loopback, localhost or a socket directory. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === '' || h.startsWith('/') || h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

function sslOption(url: string, mode: string): PgClientConfig['ssl'] {
  if (!SSL_MODES.includes(mode)) throw urlInvalid(redactUrl(url), `has sslmode=${mode}; use one of ${SSL_MODES.join(', ')}`);
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode === 'verify-ca' || mode === 'verify-full') return { rejectUnauthorized: true };
  return false;
}

/**
 * `parsePostgresUrl` reads a `postgres://` or `postgresql://` URL (see SUPPORTED_PARAMETERS),
 * or throws TM_URL_INVALID, without printing the password.
 * @example parsePostgresUrl('postgres://app:secret@db.example.com/shop?schema=sales').schema // 'sales'
 */
export function parsePostgresUrl(url: string, env: NodeJS.ProcessEnv = process.env): PostgresLocation {
  const target = redactUrl(url);
  if (!/^postgres(ql)?:\/\//i.test(url)) throw urlInvalid(target, 'is not a postgres:// or postgresql:// URL');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw urlInvalid(target, 'is not a valid URL (percent-encode special characters in the user name and password)');
  }
  const params = parsed.searchParams;
  for (const key of params.keys()) {
    if (!(SUPPORTED_PARAMETERS as readonly string[]).includes(key)) {
      throw urlInvalid(target, `has the unknown parameter ${key}; Tidemark reads ${SUPPORTED_PARAMETERS.join(', ')}`);
    }
  }
  const host = params.get('host') ?? decode(url, parsed.hostname, 'host');
  const portText = params.get('port') ?? parsed.port;
  const port = portText === '' ? undefined : Number(portText);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw urlInvalid(target, `has the port ${portText}, which is not a TCP port`);
  const database = decode(url, parsed.pathname.replace(/^\//, ''), 'database name');
  if (database.includes('/')) throw urlInvalid(target, 'names the database with a slash; write postgres://host/database');
  const schema = params.get('schema') ?? 'public';
  if (schema === '') throw urlInvalid(target, 'has an empty schema=; leave it out to manage public');
  const timeoutText = params.get('connect_timeout');
  const timeoutSeconds = timeoutText === null ? undefined : Number(timeoutText);
  if (timeoutSeconds !== undefined && !(Number.isFinite(timeoutSeconds) && timeoutSeconds >= 0)) {
    throw urlInvalid(target, `has connect_timeout=${timeoutText}; give it in seconds`);
  }
  const user = decode(url, parsed.username, 'user name');
  const password = decode(url, parsed.password, 'password');
  const sslmode = params.get('sslmode');
  const client: PgClientConfig = {
    ...(host !== '' ? { host: host.replace(/^\[|\]$/g, '') } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(user !== '' ? { user } : {}),
    ...(password !== '' ? { password } : {}),
    ...(database !== '' ? { database } : {}),
    ...(sslmode !== null ? { ssl: sslOption(url, sslmode) } : {}),
    application_name: params.get('application_name') ?? 'tidemark',
    // as in libpq, connect_timeout=0 waits for ever
    connectionTimeoutMillis: timeoutSeconds === undefined ? DEFAULT_CONNECT_TIMEOUT_MS : timeoutSeconds * 1000,
  };
  // pg falls back on PGHOST, then localhost, when the URL names no host
  const effectiveHost = host !== '' ? host : env.PGHOST ?? 'localhost';
  return { client, schema, isLocal: isLocalHost(effectiveHost), target };
}
