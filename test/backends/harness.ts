import type { BackendConnection, Capabilities, Dialect } from '@tidemark/core';

/** A row as the conformance suite writes and reads it: column name → plain value. */
export type Row = Record<string, string | number | boolean | null>;
/** `InsertRow` is a row to insert: an array column takes a list (each backend writes it its own way: a native array, JSON text). */
export type InsertRow = Record<string, string | number | boolean | null | readonly (string | number | boolean)[]>;

/** `ReadOnlyAccess` is how to reach a database without write access: a URL, and the OS user to run as. */
export interface ReadOnlyAccess {
  readonly url: string;
  /** Run the CLI as this uid/gid (SQLite as root: root writes any file, so the CLI runs as nobody). */
  readonly uid?: number;
  readonly gid?: number;
}

/** `TestDatabase` is a fresh, empty database of one backend, opened for one test. */
export interface TestDatabase {
  readonly url: string;
  readonly connection: BackendConnection;
  /** Inserts rows into a table, bypassing Tidemark. */
  insert(table: string, rows: readonly InsertRow[]): Promise<void>;
  /** Reads the given columns of every row, ordered by `orderBy`, values normalised to plain JS. */
  select(table: string, columns: readonly string[], orderBy: string): Promise<Row[]>;
  /** Counts a table's rows. */
  count(table: string): Promise<number>;
  /** Deletes every row of these tables, whatever references them. */
  clear(tables: readonly string[]): Promise<void>;
  /** Every table (collection) in the database, Tidemark's own `_tidemark_*` ones included, sorted. */
  tables(): Promise<string[]>;
  /**
   * Access that can read this database but not write it, for the read-only commands: a user
   * granted only what reading needs, or a read-only file opened by an OS user who cannot write
   * it. Grants cover the tables that exist when it is called. Absent where this machine has no
   * such thing (DynamoDB Local ignores IAM; MongoDB has no server here).
   */
  readOnly?(): Promise<ReadOnlyAccess>;
  dispose(): Promise<void>;
}

/**
 * `BackendHarness` is what each backend gives the conformance suite (test/conformance): how to
 * tell whether its server is reachable, and how to make a fresh database. Cases declare the
 * capabilities they need (`requires`) instead of branching on the backend's name.
 */
export interface BackendHarness {
  readonly name: Dialect;
  readonly capabilities: Capabilities;
  /** `undefined` when reachable; otherwise how to enable it (a server to start, a variable to set). */
  unreachable(): Promise<string | undefined>;
  /**
   * How many random edits the evolution test makes by default on this backend: fewer where every
   * index change is a real asynchronous build the backend must wait for (DynamoDB).
   */
  readonly evolutionSteps?: number;
  create(): Promise<TestDatabase>;
}
