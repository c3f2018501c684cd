import type { Operation } from '../operation/operations.js';
import type { SchemaSnapshot } from '../snapshot/schema-snapshot.js';
import type { Capabilities, Dialect } from './capabilities.js';
import type { MigrationHistory } from './migration-history.js';
import type { OperationApplier } from './operation-applier.js';
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
  /** `dropAll` drops every table Tidemark manages and its history, for `migrate:fresh`. */
  dropAll(): Promise<void>;
  /** Whether the URL points at this machine (`migrate:fresh` refuses others without --force). */
  readonly isLocal: boolean;
  close(): Promise<void>;
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
