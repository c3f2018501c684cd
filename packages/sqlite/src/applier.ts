import {
  backendError,
  type Capabilities, type DataChange, type DataResult, type ProgressListener, type Dialect, type LiveSchema, type NativeStatement, type Operation, type OperationApplier, type SchemaOperation, type SchemaSnapshot,
  type TidemarkError,
} from '@tidemark/core';
import { SqlApplier, sqliteDialect } from '@tidemark/sql';
import { capabilities } from './capabilities.js';
import type { SqliteExecutor } from './executor.js';
import { foreignKeysEnabled } from './foreign-key-check.js';
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
  readonly #live: LiveSchema;
  readonly #inner: SqlApplier;

  constructor(executor: SqliteExecutor, savepoints: SavepointCounter, live: LiveSchema) {
    this.#executor = executor;
    this.#savepoints = savepoints;
    this.#live = live;
    this.#inner = new SqlApplier({
      dialect: sqliteDialect,
      capabilities,
      executor,
      readSchema: () => live.read(),
      precheck: sqlitePrechecks(executor),
    });
  }

  /**
   * `apply` runs the prechecks of `operation`, then all of it, or throws having changed nothing:
   * each operation runs in its own savepoint, even inside a migration's transaction, and as its
   * own transaction outside one.
   */
  async apply(operation: SchemaOperation): Promise<void> {
    const nested = this.#executor.db.inTransaction;
    await this.#live.atomically(
      (body) => nested ? sqliteSavepoint(this.#executor, this.#savepoints, body) : sqliteTransaction(this.#executor, this.#savepoints, body),
      () => this.#live.change(operation, (before) => this.#applyTo(operation, before)));
  }

  /**
   * `precheck` runs every data precheck of `operation` against the live data and returns all
   * failures; it only reads (no savepoint, no lock).
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    return this.#inner.precheckAgainst(operation, await this.#live.read());
  }

  async #applyTo(operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
    if (!sqliteDialect.requiresRebuild(operation, before)) {
      await this.#inner.applyAgainst(operation, before);
      return;
    }
    if (foreignKeysEnabled(this.#executor)) {
      const table = 'table' in operation && typeof operation.table === 'string' ? operation.table : '?';
      throw backendError('sqlite',
        `${operation.kind} rebuilds table ${table} and cannot run inside a transaction that enforces foreign keys: dropping the old table would fire ON DELETE CASCADE`,
        { op: operation.kind, table, statement: 'PRAGMA foreign_keys' });
    }
    await withViewsAndTriggers(this.#executor, operation.kind, () => this.#inner.applyAgainst(operation, before));
  }

  /** Hears how far a back-fill has got (set by the migrator); the SQL applier reports to it. */
  get onProgress(): ProgressListener | undefined { return this.#inner.onProgress; }
  set onProgress(listener: ProgressListener | undefined) { this.#inner.onProgress = listener; }

  /**
   * `applyData` runs an insert, update or back-fill (@tidemark/sql's `runDataChange`). It changes
   * rows, not the schema, so the live schema stays cached; a back-fill's batches each commit on
   * their own outside a migration's transaction (a migration with `transaction: false`).
   */
  applyData(change: DataChange): Promise<DataResult> {
    return this.#inner.applyData(change);
  }

  /** `countAtRisk` counts what a destructive step would lose (see `OperationApplier.countAtRisk`). */
  countAtRisk(table: string, column?: string): Promise<number> {
    return this.#inner.countAtRisk(table, column);
  }

  /** `execute` runs hand-written SQL. */
  execute(statement: NativeStatement): Promise<unknown> {
    return this.#live.native(() => this.#inner.execute(statement));
  }

  /**
   * `render` returns the statements `apply` would run on a database whose schema is `before`,
   * for `--dry-run`; the snapshot knows no views or triggers, so their re-creation is not shown.
   */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    return this.#inner.render(operation, before);
  }
}
