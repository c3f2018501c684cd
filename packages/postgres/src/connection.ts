import { applyOperation, LiveSchema, type BackendConnection, type Capabilities, type Dialect, type MigrationHistory, type OperationApplier, type PullInventory, type DropAllOptions, type SchemaSnapshot } from '@tidemark/core';
import { PostgresApplier } from './applier.js';
import { capabilities } from './capabilities.js';
import type { PgClient } from './driver.js';
import { dropAllPostgres } from './drop-all.js';
import type { PgExecutor } from './executor.js';
import { PostgresHistory } from './history.js';
import { introspectPostgres } from './introspect/introspect.js';
import { postgresPullInventory } from './introspect/pull-inventory.js';
import { withAdvisoryLock } from './lock.js';
import { markShort } from '@tidemark/sql/postgres';
import { withTransaction, type TransactionState } from './transaction.js';

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
  readonly #client: PgClient;
  readonly #executor: PgExecutor;
  readonly #options: PostgresConnectionOptions;
  readonly #state: TransactionState = { depth: 0 };
  readonly #live: LiveSchema;
  #closed = false;

  constructor(client: PgClient, executor: PgExecutor, options: PostgresConnectionOptions) {
    this.#client = client;
    this.#executor = executor;
    this.#options = options;
    this.target = options.target;
    this.isLocal = options.isLocal;
    this.schema = options.schema;
    // what PostgreSQL reads back is already in its shortened names: markShort says so to the dialect
    this.#live = new LiveSchema({ introspect: () => this.introspect(), after: (before, op) => markShort(applyOperation(before, op)) });
    this.applier = new PostgresApplier(executor, this.#state, this.#live);
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
    const { lockKey: key, lockTimeoutMs: timeoutMs, target } = this.#options;
    return this.#live.withLock((body) => withAdvisoryLock(this.#executor, { key, timeoutMs, target }, body), fn);
  }

  /** `transaction` runs `fn` atomically, DDL included; nested calls use savepoints. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#live.atomically((body) => withTransaction(this.#executor, this.#state, body), fn);
  }

  /** `introspect` reads the live schema, Tidemark's own tables excluded. */
  async introspect(): Promise<SchemaSnapshot> {
    return introspectPostgres(this.#executor, this.schema);
  }

  /** `pullInventory` lists what `migrate:pull` cannot write from `introspect` alone. */
  async pullInventory(live: SchemaSnapshot): Promise<PullInventory> {
    return postgresPullInventory(this.#executor, this.schema, live);
  }

  /** `dropAll` drops every table of the managed schema, the history included. */
  async dropAll(options: DropAllOptions = {}): Promise<void> {
    this.#live.forget();
    await dropAllPostgres(this.#executor, this.schema, options.keep);
  }

  /** `close` ends the session (releasing any lock it still holds); closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.end().catch(() => undefined);
  }
}
