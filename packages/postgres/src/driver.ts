/**
 * The part of `pg` (node-postgres) Tidemark uses, described structurally (as Kysely does), so the
 * package's types do not require the driver and `capabilities` loads without it.
 */

/** `PgField` describes one column of a result. */
export interface PgField {
  readonly name: string;
  readonly dataTypeID: number;
}

/** `PgResult` is what one statement returns. */
export interface PgResult {
  /** The command tag: SELECT, INSERT, COMMIT — or ROLLBACK when a COMMIT found the transaction failed. */
  readonly command: string;
  readonly rowCount: number | null;
  readonly rows: Record<string, unknown>[];
  readonly fields: readonly PgField[];
}

/** `PgQuery` is a statement and its parameters; without parameters pg uses the simple protocol, which runs scripts. */
export interface PgQuery {
  readonly text: string;
  readonly values?: readonly unknown[];
}

/** `PgClient` is one connection (`pg.Client`). */
export interface PgClient {
  connect(): Promise<unknown>;
  /** A script of several statements resolves to one result per statement. */
  query(query: PgQuery): Promise<PgResult | PgResult[]>;
  end(): Promise<void>;
  on(event: 'error' | 'notice', listener: (arg: Error) => void): unknown;
}

/** `PgTypeParsers` turns a column's text into a JavaScript value by type OID. */
export interface PgTypeParsers {
  getTypeParser(oid: number, format?: string): (value: string) => unknown;
}

/** `PgClientConfig` are the `pg.Client` options Tidemark sets. */
export interface PgClientConfig {
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  readonly ssl?: boolean | { readonly rejectUnauthorized: boolean };
  readonly application_name?: string;
  readonly connectionTimeoutMillis?: number;
  readonly types?: PgTypeParsers;
}

/** `PgDriver` is the `pg` module. */
export interface PgDriver {
  readonly Client: new (config: PgClientConfig) => PgClient;
  readonly types: PgTypeParsers;
}
