/**
 * The part of mysql2's promise API Tidemark uses, described structurally (as Kysely does for
 * `pg`), so the package's types do not require the driver and `capabilities` loads without it.
 */

/** `MysqlResultHeader` is what a statement that returns no rows gives back. */
export interface MysqlResultHeader {
  readonly affectedRows: number;
  readonly insertId: number;
  readonly warningStatus?: number;
}

/** `MysqlConnectionHandle` is an open mysql2/promise connection. */
export interface MysqlConnectionHandle {
  /** Text protocol; with `values`, `?` placeholders are filled in client-side. */
  query(sql: string, values?: readonly unknown[]): Promise<[unknown, unknown]>;
  /** Binary protocol: a server-side prepared statement with `?` parameters. */
  execute(sql: string, values?: readonly unknown[]): Promise<[unknown, unknown]>;
  end(): Promise<void>;
  destroy(): void;
  on(event: 'error', listener: (err: unknown) => void): unknown;
}

/** `MysqlConnectionOptions` are the mysql2 options Tidemark sets. */
export interface MysqlConnectionOptions {
  readonly host?: string;
  readonly port?: number;
  readonly socketPath?: string;
  readonly user?: string;
  readonly password?: string;
  readonly database: string;
  readonly charset: string;
  readonly connectTimeout: number;
  readonly dateStrings: boolean;
  readonly supportBigNumbers: boolean;
  readonly bigNumberStrings: boolean;
  readonly multipleStatements: boolean;
  readonly timezone: string;
  readonly ssl?: Record<string, unknown>;
}

/** `MysqlDriver` is the `mysql2/promise` module. */
export interface MysqlDriver {
  createConnection(options: MysqlConnectionOptions): Promise<MysqlConnectionHandle>;
}
