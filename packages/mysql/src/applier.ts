import {
  type Capabilities, type DataChange, type DataResult, type ProgressListener, type Dialect, type LiveSchema, type NativeStatement, type Operation, type OperationApplier, type SchemaOperation, type SchemaSnapshot,
  type TidemarkError,
} from '@tidemark/core';
import { SqlApplier } from '@tidemark/sql';
import { capabilities } from './capabilities.js';
import { mysqlDialect } from '@tidemark/sql/mysql';
import { shortenOperation } from '@tidemark/sql/mysql';
import type { MysqlExecutor } from './executor.js';
import { mysqlPrechecks } from './prechecks/index.js';

/**
 * `MysqlApplier` applies operations on MySQL through `SqlApplier`: it renders each operation
 * against the live schema (in MySQL's shortened names), runs its prechecks and then its
 * statements. MySQL commits each DDL statement at once, so there is no savepoint to fall back on:
 * the prechecks are what keeps a refused operation from changing anything.
 */
export class MysqlApplier implements OperationApplier {
  readonly dialect: Dialect = 'mysql';
  readonly capabilities: Capabilities = capabilities;
  readonly #inner: SqlApplier;
  readonly #live: LiveSchema;

  constructor(executor: MysqlExecutor, live: LiveSchema) {
    this.#live = live;
    this.#inner = new SqlApplier({
      dialect: mysqlDialect,
      capabilities,
      executor,
      readSchema: () => live.read(),
      precheck: mysqlPrechecks(executor),
    });
  }

  /**
   * `precheck` runs every data precheck of `operation` (in MySQL's shortened names) against the
   * live data and returns all failures; only SELECTs run, no lock is taken.
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    return this.#inner.precheckAgainst(shortenOperation(operation), await this.#live.read());
  }

  /**
   * `apply` runs the prechecks of `operation`, then all of its statements, or throws. A refused
   * operation (prechecks, or an operation MySQL cannot express) has changed nothing; a statement
   * that fails after another of the same operation succeeded leaves the operation part-done.
   */
  async apply(operation: SchemaOperation): Promise<void> {
    const short = shortenOperation(operation);
    await this.#live.change(short, (before) => this.#inner.applyAgainst(short, before));
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
    return this.#inner.applyData(shortenOperation(change));
  }

  /** `countAtRisk` counts what a destructive step would lose (see `OperationApplier.countAtRisk`). */
  countAtRisk(table: string, column?: string): Promise<number> {
    return this.#inner.countAtRisk(table, column);
  }

  /** `execute` runs hand-written SQL (several statements allowed); the schema is read again afterwards. */
  execute(statement: NativeStatement): Promise<unknown> {
    return this.#live.native(() => this.#inner.execute(statement));
  }

  /** `render` returns the statements `apply` would run on a database whose schema is `before`, for `--dry-run`. */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    return this.#inner.render(operation, before);
  }
}
