import type { BackendConnection, Capabilities, Dialect, MigrationHistory, OperationApplier, SchemaSnapshot } from '@tidemark/core';
import { PostgresApplier } from './applier.js';
import { capabilities } from './capabilities.js';
import type { ConnectionState } from './connection-state.js';
import type { PgClient } from './driver.js';
import { dropAllPostgres } from './drop-all.js';
import type { PgExecutor } from './executor.js';
import { PostgresHistory } from './history.js';
import { introspectPostgres } from './introspect/introspect.js';
import { withAdvisoryLock } from './lock.js';
import { withTransaction } from './transaction.js';

/** `PostgresConnectionOptions` describe an opened session. */
export interface PostgresConnectionOptions {
  /** The URL with its password hidden, for messages. */
  readonly target: string;
  /** The schema Tidemark manages (the session's search_path). */
  readonly schema: string;
  readonly isLocal: boolean;
  /** The advisory lock key of this database and schema (`advisoryLockKey`). */
  readonly lockKey: string;
  readonly lockTimeoutMs: number;
}

/** `PostgresConnection` is a `BackendConnection` over one node-postgres client. */
export class PostgresConnection implements BackendConnection {
  readonly dialect: Dialect = 'postgres';
  readonly capabilities: Capabilities = capabilities;
  readonly target: string;
  readonly isLocal: boolean;
  /** The schema Tidemark manages. */
  readonly schema: string;
  readonly applier: OperationApplier;
  readonly history: MigrationHistory;
  readonly #applier: PostgresApplier;
  readonly #client: PgClient;
  readonly #executor: PgExecutor;
  readonly #options: PostgresConnectionOptions;
  readonly #state: ConnectionState = { depth: 0, locked: false };
  #closed = false;

  constructor(client: PgClient, executor: PgExecutor, options: PostgresConnectionOptions) {
    this.#client = client;
    this.#executor = executor;
    this.#options = options;
    this.target = options.target;
    this.isLocal = options.isLocal;
    this.schema = options.schema;
    this.#applier = new PostgresApplier(executor, this.#state, () => this.introspect());
    this.applier = this.#applier;
    this.history = new PostgresHistory(executor, options.schema);
  }

  /** `executor` runs SQL on this session (for tests and tools; migrations use `applier.execute`). */
  get executor(): PgExecutor {
    return this.#executor;
  }

  /**
   * `withLock` runs `fn` holding the schema's advisory lock, waiting for another run to release
   * it (up to the lock timeout, then TM_LOCK_TIMEOUT); a nested call just runs `fn`.
   */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#state.locked) return fn();
    const { lockKey: key, lockTimeoutMs: timeoutMs, target } = this.#options;
    return withAdvisoryLock(this.#executor, { key, timeoutMs, target }, async () => {
      this.#state.locked = true;
      // another run may have changed the schema before we got the lock, and may after we let go
      this.#applier.forgetSchema();
      try {
        return await fn();
      } finally {
        this.#state.locked = false;
        this.#applier.forgetSchema();
      }
    });
  }

  /** `transaction` runs `fn` atomically, DDL included; nested calls use savepoints. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await withTransaction(this.#executor, this.#state, fn);
    } catch (err) {
      this.#applier.forgetSchema(); // rolled back: operations the cache saw succeed are undone
      throw err;
    }
  }

  /** `introspect` reads the live schema, Tidemark's own tables excluded. */
  async introspect(): Promise<SchemaSnapshot> {
    return introspectPostgres(this.#executor, this.schema);
  }

  /** `dropAll` drops every table of the managed schema, the history included. */
  async dropAll(): Promise<void> {
    this.#applier.forgetSchema();
    await dropAllPostgres(this.#executor, this.schema);
  }

  /** `close` ends the session (releasing any lock it still holds); closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.end().catch(() => undefined);
  }
}
