import { LiveSchema, type BackendConnection, type Capabilities, type Dialect, type MigrationHistory, type OperationApplier, type PullInventory, type DropAllOptions, type SchemaSnapshot } from '@tidemark/core';
import { MongoApplier } from './applier.js';
import { capabilities } from './capabilities.js';
import type { MongoCommandRunner } from './command-runner.js';
import { dropAllMongo } from './drop-all.js';
import { MongoHistory } from './history.js';
import { introspectMongo } from './introspect.js';
import { mongoPullInventory } from './pull-inventory.js';
import { withMongoLock, type MongoLockOptions } from './lock.js';
import { DEFAULT_BATCH_SIZE } from './run/rewrite.js';

/** `MongoConnectionOptions` describe an opened database. */
export interface MongoConnectionOptions {
  /** The URL with its password hidden, for messages. */
  readonly target: string;
  readonly isLocal: boolean;
  readonly lock: Omit<MongoLockOptions, 'target'>;
  /** Documents per `update` of a rewrite; default 1000. */
  readonly batchSize?: number;
  /** Closes the driver's session and client. */
  readonly close?: () => Promise<void>;
}

/**
 * `MongoConnection` is a `BackendConnection` over one command runner. MongoDB cannot roll back
 * collection or index changes, so `transaction` just runs its function (capabilities say
 * `transactionalDdl: false`, and the migrator records a failed migration's `stepsApplied`).
 */
export class MongoConnection implements BackendConnection {
  readonly dialect: Dialect = 'mongodb';
  readonly capabilities: Capabilities = capabilities;
  readonly target: string;
  readonly isLocal: boolean;
  readonly applier: OperationApplier;
  readonly history: MigrationHistory;
  readonly #runner: MongoCommandRunner;
  readonly #options: MongoConnectionOptions;
  readonly #live: LiveSchema;
  #closed = false;

  constructor(runner: MongoCommandRunner, options: MongoConnectionOptions) {
    this.#runner = runner;
    this.#options = options;
    this.target = options.target;
    this.isLocal = options.isLocal;
    this.#live = new LiveSchema({ introspect: () => this.introspect() });
    this.applier = new MongoApplier(runner, { batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE, live: this.#live });
    this.history = new MongoHistory(runner);
  }

  /** `withLock` runs `fn` holding the migration lock document (lock.ts); a nested call just runs `fn` (see `LiveSchema.withLock`). */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.#live.withLock((body) => withMongoLock(this.#runner, { ...this.#options.lock, target: this.target }, body), fn);
  }

  /** `transaction` runs `fn`: MongoDB has no transactions over collection and index changes. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#live.atomically((body) => body(), fn);
  }

  /** `introspect` reads the live schema, Tidemark's own collections excluded. */
  async introspect(): Promise<SchemaSnapshot> {
    return introspectMongo(this.#runner);
  }

  /** `pullInventory` lists what `migrate:pull` cannot write from `introspect` alone. */
  async pullInventory(live: SchemaSnapshot): Promise<PullInventory> {
    return mongoPullInventory(this.#runner, live);
  }

  /** `dropAll` drops every managed collection and the history (not the lock). */
  async dropAll(options: DropAllOptions = {}): Promise<void> {
    this.#live.forget();
    await dropAllMongo(this.#runner, options.keep);
  }

  /** `close` ends the session and closes the client; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#options.close?.();
  }
}
