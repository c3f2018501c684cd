import {
  applyOperation, backendError,
  type Capabilities, type Dialect, type NativeStatement, type Operation, type OperationApplier, type SchemaOperation, type SchemaSnapshot,
  type TidemarkError,
} from '@tidemark/core';
import { SqlApplier, sqliteDialect } from '@tidemark/sql';
import { capabilities } from './capabilities.js';
import type { SqliteExecutor } from './executor.js';
import { foreignKeysEnabled } from './foreign-key-check.js';
import { introspectSqlite } from './introspect.js';
import { sqlitePrechecks } from './prechecks/index.js';
import { withViewsAndTriggers } from './rebuild-dependents.js';
import { sqliteSavepoint, sqliteTransaction, type SavepointCounter } from './transaction.js';

/**
 * `SqliteApplier` applies operations on SQLite through `SqlApplier`, each in its own savepoint,
 * and guards the table rebuild against the cascade trap: an operation applied outside any
 * transaction runs as its own transaction with foreign keys off (and checked before commit); a
 * rebuild asked for inside a transaction that still enforces foreign keys is refused, since its
 * DROP TABLE would run the ON DELETE actions of every child table. Around a rebuild, the
 * schema's views and triggers are set aside and recreated (`withViewsAndTriggers`).
 */
export class SqliteApplier implements OperationApplier {
  readonly dialect: Dialect = 'sqlite';
  readonly capabilities: Capabilities = capabilities;
  readonly #executor: SqliteExecutor;
  readonly #savepoints: SavepointCounter;
  readonly #inner: SqlApplier;
  /**
   * The live schema, read once and then kept current with core's reducer after each operation
   * succeeds (the operations tests check the reducer against introspection for every kind).
   * Introspecting before every operation made applying N tables cost N². It is dropped whenever
   * it could be wrong: a failure, a rolled-back transaction, hand-written SQL, the lock's end.
   */
  #schema: SchemaSnapshot | undefined;

  constructor(executor: SqliteExecutor, savepoints: SavepointCounter) {
    this.#executor = executor;
    this.#savepoints = savepoints;
    this.#inner = new SqlApplier({
      dialect: sqliteDialect,
      capabilities,
      executor,
      readSchema: async () => this.#liveSchema(),
      precheck: sqlitePrechecks(executor),
    });
  }

  /**
   * `apply` runs the prechecks of `operation`, then all of it, or throws having changed nothing:
   * each operation runs in its own savepoint, even inside a migration's transaction.
   */
  async apply(operation: SchemaOperation): Promise<void> {
    if (!this.#executor.db.inTransaction) {
      // standalone, outside any lock: nothing says the schema stays ours afterwards
      try {
        await sqliteTransaction(this.#executor, this.#savepoints, () => this.#applyOne(operation));
      } finally {
        this.forgetSchema();
      }
      return;
    }
    await sqliteSavepoint(this.#executor, this.#savepoints, () => this.#applyOne(operation));
  }

  /**
   * `precheck` runs every data precheck of `operation` against the live data and returns all
   * failures; it only reads (no savepoint, no lock). The cached schema is used when there is one
   * (it is current under the lock) and a fresh one is read, not kept, otherwise.
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    return this.#inner.precheckAgainst(operation, this.#schema ?? introspectSqlite(this.#executor));
  }

  /** `forgetSchema` drops the cached schema; the next operation introspects again. */
  forgetSchema(): void {
    this.#schema = undefined;
  }

  #liveSchema(): SchemaSnapshot {
    this.#schema ??= introspectSqlite(this.#executor);
    return this.#schema;
  }

  async #applyOne(operation: SchemaOperation): Promise<void> {
    const before = this.#liveSchema();
    try {
      await this.#applyTo(operation, before);
    } catch (err) {
      this.forgetSchema();
      throw err;
    }
    this.#schema = applyOperation(before, operation);
  }

  async #applyTo(operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
    if (!sqliteDialect.requiresRebuild(operation, before)) {
      await this.#inner.apply(operation);
      return;
    }
    if (foreignKeysEnabled(this.#executor)) {
      const table = 'table' in operation && typeof operation.table === 'string' ? operation.table : '?';
      throw backendError('sqlite',
        `${operation.kind} rebuilds table ${table} and cannot run inside a transaction that enforces foreign keys: dropping the old table would fire ON DELETE CASCADE`,
        { op: operation.kind, table, statement: 'PRAGMA foreign_keys' });
    }
    await withViewsAndTriggers(this.#executor, operation.kind, () => this.#inner.apply(operation));
  }

  /** `execute` runs hand-written SQL. */
  execute(statement: NativeStatement): Promise<unknown> {
    this.forgetSchema();
    return this.#inner.execute(statement);
  }

  /**
   * `render` returns the statements `apply` would run on a database whose schema is `before`,
   * for `--dry-run`; the snapshot knows no views or triggers, so their re-creation is not shown.
   */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    return this.#inner.render(operation, before);
  }
}
