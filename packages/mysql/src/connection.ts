import { LiveSchema, type StatementListener, type BackendConnection, type Capabilities, type Dialect, type MigrationHistory, type OperationApplier, type PullInventory, type DropAllOptions, type SchemaSnapshot } from '@tidemark/core';
import { MysqlApplier } from './applier.js';
import { capabilities } from './capabilities.js';
import type { MysqlConnectionHandle } from './driver.js';
import { dropAllMysql } from './drop-all.js';
import { MysqlExecutor } from './executor.js';
import { MysqlHistory } from './history.js';
import { introspectMysql } from './introspect/introspect.js';
import { mysqlPullInventory } from './introspect/pull-inventory.js';
import { withMysqlLock } from './lock.js';
import type { ServerInfo } from './server.js';

/** `MysqlConnectionInit` describes an opened connection. */
export interface MysqlConnectionInit {
  /** The URL with its password hidden, for messages. */
  readonly target: string;
  readonly database: string;
  readonly isLocal: boolean;
  readonly lockTimeoutMs: number;
  readonly server: ServerInfo;
  /** Hears every statement sent (`--verbose`). */
  readonly onStatement?: StatementListener;
}

/**
 * `MysqlConnection` is a `BackendConnection` over one mysql2 connection (one session: the
 * migration lock, the strict sql_mode and the UTC time zone belong to it).
 */
export class MysqlConnection implements BackendConnection {
  readonly dialect: Dialect = 'mysql';
  readonly capabilities: Capabilities = capabilities;
  readonly target: string;
  readonly isLocal: boolean;
  readonly server: ServerInfo;
  readonly applier: OperationApplier;
  readonly history: MigrationHistory;
  readonly #handle: MysqlConnectionHandle;
  readonly #executor: MysqlExecutor;
  readonly #init: MysqlConnectionInit;
  readonly #live: LiveSchema;
  #closed = false;

  constructor(handle: MysqlConnectionHandle, init: MysqlConnectionInit) {
    this.#handle = handle;
    this.#init = init;
    this.#executor = new MysqlExecutor(handle, init.onStatement);
    this.target = init.target;
    this.isLocal = init.isLocal;
    this.server = init.server;
    this.#live = new LiveSchema({ introspect: () => this.introspect() });
    this.applier = new MysqlApplier(this.#executor, this.#live);
    this.history = new MysqlHistory(this.#executor);
  }

  /** `withLock` runs `fn` holding the database's GET_LOCK; a nested call just runs `fn` (see `LiveSchema.withLock`). */
  async withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.#live.withLock((body) => withMysqlLock(this.#executor, {
      database: this.#init.database, target: this.target, timeoutMs: this.#init.lockTimeoutMs, server: this.server,
    }, body), fn);
  }

  /**
   * `transaction` just runs `fn`: MySQL commits every DDL statement on its own, so there is no
   * transaction to roll back (capabilities say transactionalDdl: false, and the migrator records
   * a failed migration's progress instead). Each operation's prechecks run before any of its
   * statements, so a refused operation changes nothing; operations before it stay applied.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.#live.atomically((body) => body(), fn);
  }

  /** `introspect` reads the live schema, Tidemark's own tables excluded. */
  async introspect(): Promise<SchemaSnapshot> {
    return introspectMysql(this.#executor, this.server);
  }

  /** `pullInventory` lists what `migrate:pull` cannot write from `introspect` alone. */
  async pullInventory(live: SchemaSnapshot): Promise<PullInventory> {
    return mysqlPullInventory(this.#executor, this.server, live);
  }

  /** `dropAll` drops every table of the database, the history included. */
  async dropAll(options: DropAllOptions = {}): Promise<void> {
    this.#live.forget();
    await dropAllMysql(this.#executor, options.keep);
  }

  /** `close` ends the session (releasing any lock it holds); closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#handle.end();
    } catch {
      // the connection is already gone (the server closed it); nothing is left to release
      this.#handle.destroy();
    }
  }
}
