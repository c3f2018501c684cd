import { LiveSchema, type BackendConnection, type Capabilities, type Dialect, type MigrationHistory, type OperationApplier, type PullInventory, type DropAllOptions, type SchemaSnapshot, type TableAdoption } from '@tidemark/core';
import { adoptTables, previewAdoption } from './adopt-tables.js';
import { DynamoApplier } from './applier.js';
import { capabilities } from './capabilities.js';
import { dropAllDynamoDb } from './drop-all.js';
import type { DynamoGateway } from './gateway.js';
import { DynamoHistory } from './history.js';
import { introspectDynamoDb } from './introspect.js';
import { dynamoPullInventory } from './pull-inventory.js';
import { withDynamoLock } from './lock.js';
import type { WaitOptions } from './wait.js';

/** `DynamoConnectionOptions` describe an opened client. */
export interface DynamoConnectionOptions {
  /** The URL with any secret hidden, for messages. */
  readonly target: string;
  readonly isLocal: boolean;
  readonly lockTimeoutMs: number;
  readonly lockTtlMs: number;
  readonly wait: WaitOptions;
}

/**
 * `DynamoConnection` is a `BackendConnection` over one DynamoDB client: the tables of one account
 * and region. Nothing is transactional (`transaction` just runs `fn`): a failed migration keeps
 * its finished steps and the migrator records how many.
 */
export class DynamoConnection implements BackendConnection {
  readonly dialect: Dialect = 'dynamodb';
  readonly capabilities: Capabilities = capabilities;
  readonly target: string;
  readonly isLocal: boolean;
  readonly applier: OperationApplier;
  readonly history: MigrationHistory;
  /** Tables created outside Tidemark (`migrate:baseline`) get its metadata; see adopt-tables.ts. */
  readonly adoption: TableAdoption;
  readonly #applier: DynamoApplier;
  readonly #history: DynamoHistory;
  readonly #db: DynamoGateway;
  readonly #options: DynamoConnectionOptions;
  readonly #live: LiveSchema;

  constructor(db: DynamoGateway, options: DynamoConnectionOptions) {
    this.#db = db;
    this.#options = options;
    this.target = options.target;
    this.isLocal = options.isLocal;
    // whether the metadata table exists is learnt with the live schema and forgotten with it
    this.#live = new LiveSchema({ introspect: () => this.introspect(), onDrop: () => this.#applier.forgetMetadata() });
    this.#applier = new DynamoApplier(db, options.wait, this.#live);
    this.applier = this.#applier;
    this.#history = new DynamoHistory(db, options.wait);
    this.history = this.#history;
    this.adoption = {
      preview: (tables) => previewAdoption(db, tables),
      adopt: async (tables) => {
        await adoptTables(db, options.wait, tables);
        this.#live.forget(); // the schema Tidemark manages grew
      },
    };
  }

  /** `withLock` runs `fn` holding the migration lock item (see `withDynamoLock`); a nested call just runs `fn` (see `LiveSchema.withLock`). */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    const { target, lockTimeoutMs: timeoutMs, lockTtlMs: ttlMs, wait } = this.#options;
    return this.#live.withLock((body) => withDynamoLock(this.#db, { target, timeoutMs, ttlMs, wait }, body), fn);
  }

  /** `transaction` runs `fn`: DynamoDB has no transactions over table and index changes. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#live.atomically((body) => body(), fn);
  }

  /** `introspect` reads the tables Tidemark manages: keys and indexes as DynamoDB has them, the rest from Tidemark's metadata. */
  introspect(): Promise<SchemaSnapshot> {
    return introspectDynamoDb(this.#db);
  }

  /** `pullInventory` adds the tables Tidemark never managed, read from their keys and indexes alone. */
  pullInventory(): Promise<PullInventory> {
    return dynamoPullInventory(this.#db);
  }

  /** `dropAll` deletes every table Tidemark manages, its metadata and its history. */
  async dropAll(options: DropAllOptions = {}): Promise<void> {
    this.#live.forget();
    this.#history.forget();
    await dropAllDynamoDb(this.#db, this.#options.wait, options.keep);
  }

  /** `close` releases the client; closing twice is harmless. */
  async close(): Promise<void> {
    this.#db.close();
  }
}
