/** `ServerFlavor` says which of the two servers speaking the MySQL protocol is connected. */
export type ServerFlavor = 'mysql' | 'mariadb';

/** `ServerInfo` is what Tidemark needs to know about the server: where MySQL and MariaDB differ. */
export interface ServerInfo {
  readonly flavor: ServerFlavor;
  /** `SELECT VERSION()`, e.g. '8.0.36' or '10.11.6-MariaDB-0+deb12u1'. */
  readonly version: string;
}

/** `serverInfo` reads the flavor from `SELECT VERSION()`: MariaDB always names itself there. */
export function serverInfo(version: string): ServerInfo {
  return { flavor: /mariadb/i.test(version) ? 'mariadb' : 'mysql', version };
}
