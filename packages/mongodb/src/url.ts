import { redactUrl, urlInvalid } from '@tidemark/core';

/** `MongoLocation` is what Tidemark reads from a MongoDB URL; the driver parses the rest. */
export interface MongoLocation {
  readonly scheme: 'mongodb' | 'mongodb+srv';
  /** host[:port] as written (several for a replica set). */
  readonly hosts: readonly string[];
  readonly databaseName: string;
  /** Every host is this machine (localhost, 127.x, ::1 or a Unix socket). */
  readonly isLocal: boolean;
}

/** Characters MongoDB refuses in a database name on some platform (https://www.mongodb.com/docs/manual/reference/limits/#naming-restrictions). */
const BAD_DATABASE_CHARS = /[/\\. "$*<>:|?\0]/;

function isLocalHost(hostAndPort: string): boolean {
  if (hostAndPort.toLowerCase().startsWith('%2f') || hostAndPort.startsWith('/')) return true; // a Unix socket
  const host = hostAndPort.startsWith('[') ? hostAndPort.slice(0, hostAndPort.indexOf(']') + 1) : hostAndPort.split(':')[0]!;
  return ['localhost', '[::1]'].includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * `parseMongoUrl` reads `mongodb://[user:pass@]host[:port][,host…]/db[?options]` and
 * `mongodb+srv://…/db` (README: Backends, URL row). The database name is required: the driver would fall back
 * on `test`, and a migration tool should not quietly write there. Errors never show the password.
 * @example parseMongoUrl('mongodb://localhost:27017/shop') // { databaseName: 'shop', isLocal: true, … }
 */
export function parseMongoUrl(url: string): MongoLocation {
  const shown = redactUrl(url);
  const m = /^(mongodb|mongodb\+srv):\/\/(?:[^@/]*@)?([^/?#]*)(?:\/([^?#]*))?(?:\?[^#]*)?$/i.exec(url);
  if (!m) throw urlInvalid(shown, 'is not a MongoDB URL (write mongodb://host:port/db or mongodb+srv://cluster.example.net/db)');
  const scheme = m[1]!.toLowerCase() as MongoLocation['scheme'];
  const hosts = m[2]!.split(',').filter((h) => h !== '');
  if (hosts.length === 0) throw urlInvalid(shown, 'names no host (write mongodb://host:port/db)');
  if (scheme === 'mongodb+srv' && hosts.length > 1) throw urlInvalid(shown, 'mongodb+srv:// takes one host name');
  let databaseName: string;
  try {
    databaseName = decodeURIComponent(m[3] ?? '');
  } catch {
    throw urlInvalid(shown, 'has a badly escaped database name');
  }
  if (databaseName === '') {
    throw urlInvalid(shown, 'names no database: write mongodb://host:port/mydb (Tidemark does not fall back on the driver\'s default "test")');
  }
  if (BAD_DATABASE_CHARS.test(databaseName)) throw urlInvalid(shown, `database name ${JSON.stringify(databaseName)} contains a character MongoDB refuses (/\\. "$*<>:|?)`);
  if (Buffer.byteLength(databaseName, 'utf8') >= 64) throw urlInvalid(shown, 'database name is 64 bytes or longer (MongoDB allows 63)');
  return { scheme, hosts, databaseName, isLocal: scheme === 'mongodb' && hosts.every(isLocalHost) };
}
