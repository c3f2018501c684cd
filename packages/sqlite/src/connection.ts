import { LiveSchema, type StatementListener, type BackendConnection, type PullInventory, type DropAllOptions, type Capabilities, type Dialect, type MigrationHistory, type OperationApplier, type SchemaSnapshot } from '@tidemark/core';
import { SqliteApplier } from './applier.js';
import { capabilities } from './capabilities.js';
import type { SqliteDatabase } from './driver.js';
import { dropAllSqlite } from './drop-all.js';
import { SqliteExecutor } from './executor.js';
import { SqliteHistory } from './history.js';
import { introspectSqlite } from './introspect.js';
import { withSqliteLock } from './lock.js';
import { sqlitePullInventory } from './pull-inventory.js';
import { sqliteTransaction, type SavepointCounter } from './transaction.js';

/** `SqliteConnectionOptions` describe an opened database. */
export interface SqliteConnectionOptions {
  /** The URL, for messages. */
  readonly target: string;
  /** The busy timeout the database was opened with. */
  readonly lockTimeoutMs: number;
  /** The busy timeout while a run holds the lock (`--lock-timeout`). */
  readonly statementLockTimeoutMs?: number;
  /** Hears every statement sent (`--verbose`). */
  readonly onStatement?: StatementListener;
}

/**
 * `SqliteConnection` is a `BackendConnection` over one better-sqlite3 handle, which runs with
 * foreign keys ON except inside `withLock` (see `withSqliteLock` for why).
 */
export class SqliteConnection implements BackendConnection {
  readonly dialect: Dialect = 'sqlite';
  readonly capabilities: Capabilities = capabilities;
  readonly target: string;
  readonly isLocal = true;
  readonly applier: OperationApplier;
  readonly history: MigrationHistory;
  readonly #db: SqliteDatabase;
  readonly #executor: SqliteExecutor;
  readonly #lockTimeoutMs: number;
  readonly #statementLockTimeoutMs: number | undefined;
  readonly #savepoints: SavepointCounter = { depth: 0 };
  readonly #live: LiveSchema;

  constructor(db: SqliteDatabase, options: SqliteConnectionOptions) {
    this.#db = db;
    this.#executor = new SqliteExecutor(db, options.onStatement);
    this.#lockTimeoutMs = options.lockTimeoutMs;
    this.#statementLockTimeoutMs = options.statementLockTimeoutMs;
    this.target = options.target;
    this.#live = new LiveSchema({ introspect: () => introspectSqlite(this.#executor) });
    this.applier = new SqliteApplier(this.#executor, this.#savepoints, this.#live);
    this.history = new SqliteHistory(this.#executor);
  }

  /** `withLock` runs `fn` holding the database's write lock; a nested call just runs `fn` (see `LiveSchema.withLock`). */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.#live.withLock((body) => withSqliteLock(this.#executor, {
      target: this.target, timeoutMs: this.#lockTimeoutMs,
      ...(this.#statementLockTimeoutMs !== undefined ? { statementLockTimeoutMs: this.#statementLockTimeoutMs } : {}),
    }, body), fn);
  }

  /** `transaction` runs `fn` atomically, checking foreign keys before it commits. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#live.atomically((body) => sqliteTransaction(this.#executor, this.#savepoints, body), fn);
  }

  /** `introspect` reads the live schema, Tidemark's own tables excluded. */
  async introspect(): Promise<SchemaSnapshot> {
    return introspectSqlite(this.#executor);
  }

  /** `pullInventory` lists what `migrate:pull` cannot write from `introspect` alone. */
  async pullInventory(live: SchemaSnapshot): Promise<PullInventory> {
    return sqlitePullInventory(this.#executor, live);
  }

  /** `dropAll` drops every table, the history included. */
  async dropAll(options: DropAllOptions = {}): Promise<void> {
    this.#live.forget();
    dropAllSqlite(this.#executor, options.keep);
  }

  /** `close` closes the database; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
