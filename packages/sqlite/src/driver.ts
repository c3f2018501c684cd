/**
 * The part of better-sqlite3 Tidemark uses, described structurally (as Kysely does for `pg`), so
 * the package's types do not require the driver and `capabilities` loads without it.
 */

/** `SqliteRunResult` is what a write statement returns. */
export interface SqliteRunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

/** `SqliteStatement` is a prepared statement. */
export interface SqliteStatement {
  /** Whether the statement returns rows. */
  readonly reader: boolean;
  run(...params: unknown[]): SqliteRunResult;
  all(...params: unknown[]): unknown[];
}

/** `SqliteDatabase` is an open better-sqlite3 database handle. */
export interface SqliteDatabase {
  readonly inTransaction: boolean;
  readonly open: boolean;
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  close(): unknown;
}

/** `SqliteDatabaseOptions` are the better-sqlite3 constructor options Tidemark sets. */
export interface SqliteDatabaseOptions {
  /** Busy timeout in milliseconds: how long a statement waits for another connection's lock. */
  readonly timeout?: number;
  /** Open without write access (read-only commands). */
  readonly readonly?: boolean;
  /** Fail instead of creating a missing file. */
  readonly fileMustExist?: boolean;
}

/** `SqliteDriver` is better-sqlite3's default export. */
export type SqliteDriver = new (filename: string, options?: SqliteDatabaseOptions) => SqliteDatabase;
