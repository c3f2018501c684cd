import type { BackendConnection, Capabilities, Dialect, MigrationHistory, OperationApplier, SchemaSnapshot } from '@tidemark/core';
import { MongoApplier } from './applier.js';
import { capabilities } from './capabilities.js';
import type { MongoCommandRunner } from './command-runner.js';
import { dropAllMongo } from './drop-all.js';
import { MongoHistory } from './history.js';
import { introspectMongo } from './introspect.js';
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
  readonly #applier: MongoApplier;
  readonly #runner: MongoCommandRunner;
  readonly #options: MongoConnectionOptions;
  #locked = false;
  #closed = false;

  constructor(runner: MongoCommandRunner, options: MongoConnectionOptions) {
    this.#runner = runner;
    this.#options = options;
    this.target = options.target;
    this.isLocal = options.isLocal;
    this.#applier = new MongoApplier(runner, { batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE, holdsLock: () => this.#locked });
    this.applier = this.#applier;
    this.history = new MongoHistory(runner);
  }

  /** `withLock` runs `fn` holding the migration lock document (lock.ts); a nested call just runs `fn`. */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#locked) return fn();
    this.#locked = true;
    // another run may have changed the schema since we last looked, and may after we let go
    this.#applier.forgetSchema();
    try {
      return await withMongoLock(this.#runner, { ...this.#options.lock, target: this.target }, fn);
    } finally {
      this.#locked = false;
      this.#applier.forgetSchema();
    }
  }

  /** `transaction` runs `fn`: MongoDB has no transactions over collection and index changes. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  /** `introspect` reads the live schema, Tidemark's own collections excluded. */
  async introspect(): Promise<SchemaSnapshot> {
    return introspectMongo(this.#runner);
  }

  /** `dropAll` drops every managed collection and the history (not the lock). */
  async dropAll(): Promise<void> {
    this.#applier.forgetSchema();
    await dropAllMongo(this.#runner);
  }

  /** `close` ends the session and closes the client; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#options.close?.();
  }
}
