import type { Operation } from '../operation/operations.js';
import type { SchemaSnapshot, TableSnapshot } from '../snapshot/schema-snapshot.js';
import type { Capabilities, Dialect } from './capabilities.js';
import type { MigrationHistory } from './migration-history.js';
import type { OperationApplier } from './operation-applier.js';
import type { PullInventory } from './pull-inventory.js';
import type { SessionTimeouts } from './session-timeouts.js';
import type { StatementListener } from './statement-trace.js';

/**
 * `BackendConnection` is an open connection to one database, as the migrator uses it.
 * `withLock` MUST serialise concurrent runs against the same database and MUST release the
 * lock when `fn` throws. `transaction` runs `fn` atomically where `capabilities.transactionalDdl`
 * says it can; elsewhere it just runs `fn`.
 */
export interface BackendConnection {
  readonly dialect: Dialect;
  readonly capabilities: Capabilities;
  /** The URL with any password hidden, for messages. */
  readonly target: string;
  readonly applier: OperationApplier;
  readonly history: MigrationHistory;
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** `introspect` reads the live schema Tidemark manages (its own `_tidemark_*` objects excluded). */
  introspect(): Promise<SchemaSnapshot>;
  /**
   * `pullInventory` (optional) says what `migrate:pull` must know beyond `introspect`: what the
   * catalog holds that introspection reads approximately or not at all (views, triggers, native
   * types and defaults it has no portable form for), and tables it can model that introspection
   * leaves out. `live` is what `introspect` just read. A backend without it is pulled from
   * `introspect` alone.
   */
  pullInventory?(live: SchemaSnapshot): Promise<PullInventory>;
  /**
   * `dropAll` drops every table Tidemark manages and its history, for `migrate:fresh`; a table
   * `keep` says yes to stays (the config's `exclude`: tables other tools own).
   */
  dropAll(options?: DropAllOptions): Promise<void>;
  /**
   * Present on backends that keep Tidemark's own description of a table beside it (DynamoDB's
   * metadata): how an existing table Tidemark never created becomes one it manages
   * (`migrate:baseline`). Backends whose catalog says everything (SQL) have none.
   */
  readonly adoption?: TableAdoption;
  /** Whether the URL points at this machine (`migrate:fresh` refuses others without --force). */
  readonly isLocal: boolean;
  close(): Promise<void>;
}

/** `DropAllOptions` narrow what `dropAll` drops. */
export interface DropAllOptions {
  /** Tables to leave alone (by name); Tidemark's own tables are always dropped. */
  readonly keep?: (table: string) => boolean;
}

/** `TableAdoption` takes existing tables under Tidemark's management without changing them. */
export interface TableAdoption {
  /**
   * The live schema as it would read once `tables` are adopted: what the database really has
   * (keys, indexes) merged with these definitions, for each of them that exists without
   * Tidemark's description. Reads only.
   */
  preview(tables: readonly TableSnapshot[]): Promise<SchemaSnapshot>;
  /** Records Tidemark's description of these existing tables; changes no table. */
  adopt(tables: readonly TableSnapshot[]): Promise<void>;
}

/** `ConnectOptions` say how a command means to use the connection. */
export interface ConnectOptions {
  /**
   * The command only reads (`migrate:status`, every `--dry-run`, `migrate:check`): opening the
   * connection must create nothing, so a read-only user or file can run it. Backends whose
   * connect creates something (SQLite creates a missing file) honour this; the migrator makes
   * no history table for such runs.
   */
  readonly readOnly?: boolean;
  /** How long one statement may wait for a lock, or run, on this session (README: Timeouts). */
  readonly timeouts?: SessionTimeouts;
  /** Hears every statement or command the connection sends, with its duration (`--verbose`). */
  readonly onStatement?: StatementListener;
}

/** `RenderOptions` give what a rendered plan depends on besides the operation and the schema. */
export interface RenderOptions {
  /** The database the statements would run on, where a statement names it (MongoDB namespaces). */
  readonly database?: string;
}

/**
 * `Backend` is what a backend package exports: how to open a connection for a URL, and how an
 * operation would be carried out, without one.
 */
export interface Backend {
  readonly dialect: Dialect;
  readonly capabilities: Capabilities;
  connect(url: string, options?: ConnectOptions): Promise<BackendConnection>;
  /**
   * `render` returns what `applier.render` prints for `--dry-run` (the same function: SQL,
   * MongoDB command documents, DynamoDB requests) for `operation` on a database whose schema is
   * `before`. Pure: no connection, no driver; the golden tests compare it with checked-in text.
   */
  render(operation: Operation, before: SchemaSnapshot, options?: RenderOptions): string[];
}
