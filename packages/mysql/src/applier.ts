import {
  applyOperation,
  type Capabilities, type Dialect, type NativeStatement, type Operation, type OperationApplier, type SchemaOperation, type SchemaSnapshot,
  type TidemarkError,
} from '@tidemark/core';
import { SqlApplier } from '@tidemark/sql';
import { capabilities } from './capabilities.js';
import { mysqlDialect } from './dialect/mysql-dialect.js';
import { shortenOperation } from './dialect/names.js';
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
  readonly #introspect: () => Promise<SchemaSnapshot>;
  readonly #locked: () => boolean;
  /**
   * The live schema, read once and then kept current with core's reducer after each operation
   * succeeds (the conformance suite checks the reducer against introspection for every kind).
   * Introspecting before every operation made applying N tables cost N². It is dropped whenever
   * it could be wrong: a failure, hand-written SQL, the lock's start and end, and after any
   * operation applied without the lock (another run may change the schema then).
   */
  #schema: SchemaSnapshot | undefined;

  constructor(executor: MysqlExecutor, introspect: () => Promise<SchemaSnapshot>, locked: () => boolean) {
    this.#introspect = introspect;
    this.#locked = locked;
    this.#inner = new SqlApplier({
      dialect: mysqlDialect,
      capabilities,
      executor,
      readSchema: () => this.#liveSchema(),
      precheck: mysqlPrechecks(executor),
    });
  }

  /** `forgetSchema` drops the cached schema; the next operation introspects again. */
  forgetSchema(): void {
    this.#schema = undefined;
  }

  async #liveSchema(): Promise<SchemaSnapshot> {
    this.#schema ??= await this.#introspect();
    return this.#schema;
  }

  /**
   * `precheck` runs every data precheck of `operation` (in MySQL's shortened names) against the
   * live data and returns all failures; only SELECTs run, no lock is taken. The cached schema is
   * used when there is one, otherwise a fresh one is read and not kept.
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    return this.#inner.precheckAgainst(shortenOperation(operation), this.#schema ?? await this.#introspect());
  }

  /**
   * `apply` runs the prechecks of `operation`, then all of its statements, or throws. A refused
   * operation (prechecks, or an operation MySQL cannot express) has changed nothing; a statement
   * that fails after another of the same operation succeeded leaves the operation part-done.
   */
  async apply(operation: SchemaOperation): Promise<void> {
    const short = shortenOperation(operation);
    const before = await this.#liveSchema();
    try {
      await this.#inner.apply(short);
    } catch (err) {
      this.forgetSchema();
      throw err;
    }
    this.#schema = this.#locked() ? applyOperation(before, short) : undefined;
  }

  /** `execute` runs hand-written SQL (several statements allowed); the schema is read again afterwards. */
  execute(statement: NativeStatement): Promise<unknown> {
    this.forgetSchema();
    return this.#inner.execute(statement);
  }

  /** `render` returns the statements `apply` would run on a database whose schema is `before`, for `--dry-run`. */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    return this.#inner.render(operation, before);
  }
}
