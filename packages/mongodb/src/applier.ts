import {
  checkCapabilities,
  type Capabilities, type DataChange, type DataResult, type Dialect, type LiveSchema, type NativeStatement, type Operation, type OperationApplier, type ProgressListener,
  type SchemaOperation, type SchemaSnapshot, type TidemarkError,
} from '@tidemark/core';
import { planOperation } from './apply/plan-operation.js';
import { capabilities } from './capabilities.js';
import type { MongoCommandRunner } from './command-runner.js';
import { executeNative } from './execute.js';
import { runMongoDataChange } from './data/run-data-change.js';
import { countMatching } from './cursor.js';
import { checkData } from './prechecks/run-checks.js';
import { renderOperation } from './render.js';
import { runPlan } from './run/run-plan.js';

/** `MongoApplierOptions` tune the data steps. */
export interface MongoApplierOptions {
  /** Documents per `update` of a rewrite. */
  readonly batchSize: number;
  /** The connection's live schema (core's `LiveSchema`: the cache and whether the lock is held). */
  readonly live: LiveSchema;
}

/**
 * `MongoApplier` applies operations on MongoDB: each becomes a plan (apply/plan-operation.ts)
 * of prechecks and commands, run through the command runner. Capabilities are checked first,
 * against the live schema (an @Auto() column is refused before anything runs, as the migrator would).
 */
export class MongoApplier implements OperationApplier {
  readonly dialect: Dialect = 'mongodb';
  readonly capabilities: Capabilities = capabilities;
  /** Long rewrites report here (set by the migrator). */
  onProgress: ProgressListener | undefined;
  readonly #runner: MongoCommandRunner;
  readonly #options: MongoApplierOptions;

  constructor(runner: MongoCommandRunner, options: MongoApplierOptions) {
    this.#runner = runner;
    this.#options = options;
  }

  /** `apply` runs the prechecks of `operation`, then all of its commands, or throws. */
  async apply(operation: SchemaOperation): Promise<void> {
    await this.#options.live.change(operation, async (before) => {
      checkCapabilities(this.dialect, this.capabilities, [operation], before);
      const plan = planOperation(operation, before, this.#runner.databaseName);
      await runPlan(this.#runner, plan, { op: operation.kind, batchSize: this.#options.batchSize, onProgress: this.onProgress });
      return plan.after;
    });
  }

  /**
   * `precheck` plans `operation` against the live schema (refusing what MongoDB cannot do, as
   * `apply` would) and runs every precheck of the plan, read-only, returning all failures.
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    const before = await this.#options.live.read();
    checkCapabilities(this.dialect, this.capabilities, [operation], before);
    const plan = planOperation(operation, before, this.#runner.databaseName);
    return checkData(this.#runner, plan.checks, operation.kind, 'all');
  }

  /** `applyData` runs an insert, update or back-fill as commands (data/run-data-change.ts); the schema stays cached. */
  async applyData(change: DataChange): Promise<DataResult> {
    return runMongoDataChange(change, { runner: this.#runner, schema: await this.#options.live.read(), onProgress: this.onProgress });
  }

  /**
   * `countAtRisk` counts the documents of collection `table`, or those where `column` holds a
   * value (present and not null): what dropping it loses.
   */
  countAtRisk(table: string, column?: string): Promise<number> {
    return countMatching(this.#runner, table, column === undefined ? {} : { [column]: { $exists: true, $ne: null } }, 'count');
  }

  /** `execute` runs a hand-written command document (see execute.ts); SQL text is refused. */
  async execute(statement: NativeStatement): Promise<unknown> {
    return this.#options.live.native(() => executeNative(this.#runner, statement));
  }

  /**
   * `render` returns the commands `apply` (or `execute`) would run on a database whose schema is
   * `before`, for `--dry-run`.
   */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    return renderOperation(operation, before, this.#runner.databaseName, this.#options.batchSize);
  }
}
