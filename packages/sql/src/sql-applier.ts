import {
  checkCapabilities, unsupportedOperation,
  type Capabilities, type DataChange, type DataResult, type Dialect, type NativeStatement, type Operation, type OperationApplier, type ProgressListener,
  type SchemaOperation, type SchemaSnapshot, type TidemarkError,
} from '@tidemark/core';
import { runDataChange } from './data/run-data-change.js';
import type { CheckMode } from './prechecks/run-checks.js';
import type { SqlDialect } from './sql-dialect.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * `Precheck` reads whether the data survives `operation` and returns the TM_PRECHECK_FAILED
 * errors of the checks that fail (see `runChecks`): the first only, or all of them.
 */
export type Precheck = (operation: SchemaOperation, before: SchemaSnapshot, mode: CheckMode) => Promise<readonly TidemarkError[]>;

/** `SqlApplierOptions` wires a dialect to one connection. */
export interface SqlApplierOptions {
  readonly dialect: SqlDialect;
  readonly capabilities: Capabilities;
  readonly executor: SqlExecutor;
  /** `readSchema` introspects the live database; `apply` renders against it, not against files. */
  readonly readSchema: () => Promise<SchemaSnapshot>;
  /** `precheck` runs before any statement of an operation. */
  readonly precheck?: Precheck;
}

/**
 * `SqlApplier` applies operations on a SQL database: it reads the live schema, renders the
 * operation through the dialect (which refuses a step that does not fit that schema), runs the
 * backend's data prechecks and then each statement. It opens no transaction: atomicity belongs
 * to the connection (`BackendConnection.transaction`).
 */
export class SqlApplier implements OperationApplier {
  readonly dialect: Dialect;
  readonly capabilities: Capabilities;
  readonly #options: SqlApplierOptions;
  /** Hears how far a back-fill has got (set by the migrator, or by the backend's applier around this one). */
  onProgress: ProgressListener | undefined;

  constructor(options: SqlApplierOptions) {
    this.dialect = options.dialect.name;
    this.capabilities = options.capabilities;
    this.#options = options;
  }

  /** `apply` renders `operation` against the live schema, runs its prechecks, then all of its statements, or throws. */
  async apply(operation: SchemaOperation): Promise<void> {
    // The live schema, not the migration files' idea of it: a rebuild must keep whatever is there.
    await this.applyAgainst(operation, await this.#options.readSchema());
  }

  /**
   * `applyAgainst` renders `operation` against `before`, the live schema the caller has just read
   * (core's `LiveSchema.change`), runs its prechecks, then all of its statements, or throws.
   */
  async applyAgainst(operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
    const { executor, dialect, precheck } = this.#options;
    checkCapabilities(this.dialect, this.capabilities, [operation], before);
    const statements = dialect.render(operation, before);
    const [failure] = (await precheck?.(operation, before, 'first')) ?? [];
    if (failure) throw failure;
    for (const statement of statements) await executor.run(statement, { op: operation.kind });
  }

  /**
   * `precheckAgainst` runs every check of `operation` on a database whose schema is `before`,
   * read-only, and returns all failures. What the backend refuses (core's `checkCapabilities`)
   * and rendering refuse an operation that does not fit that schema first, as `apply` would.
   */
  async precheckAgainst(operation: SchemaOperation, before: SchemaSnapshot): Promise<readonly TidemarkError[]> {
    checkCapabilities(this.dialect, this.capabilities, [operation], before);
    this.#options.dialect.render(operation, before);
    return (await this.#options.precheck?.(operation, before, 'all')) ?? [];
  }

  /** `precheck` runs every check of `operation` against the live schema and data; see `precheckAgainst`. */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    return this.precheckAgainst(operation, await this.#options.readSchema());
  }

  /** `execute` runs a hand-written SQL statement; other native statements are refused. */
  async execute(statement: NativeStatement): Promise<unknown> {
    if (typeof statement !== 'string') {
      throw unsupportedOperation(this.dialect, 'run a non-SQL native statement', 'pass SQL text to db.execute() on SQL backends');
    }
    return this.#options.executor.execute(statement);
  }

  /** `applyData` runs an insert, update or back-fill against the live schema's column types (data/run-data-change.ts). */
  async applyData(change: DataChange): Promise<DataResult> {
    const { executor, dialect, readSchema } = this.#options;
    return runDataChange(change, { executor, quote: dialect.quoteIdentifier, data: dialect.data, schema: await readSchema(), onProgress: this.onProgress });
  }

  /** `countAtRisk` counts the rows of `table`, or those where `column` is not NULL (what dropping it loses). */
  async countAtRisk(table: string, column?: string): Promise<number> {
    const q = (name: string) => this.#options.dialect.quoteIdentifier(name);
    const [row] = await this.#options.executor.all<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM ${q(table)}${column === undefined ? '' : ` WHERE ${q(column)} IS NOT NULL`}`);
    return Number(row?.n ?? 0);
  }

  /** `render` returns the statements `apply` would run on a database whose schema is `before`. */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    return this.#options.dialect.render(operation, before);
  }
}
