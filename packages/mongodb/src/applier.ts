import {
  checkCapabilities,
  type Capabilities, type Dialect, type NativeStatement, type Operation, type OperationApplier, type ProgressListener,
  type SchemaOperation, type SchemaSnapshot, type TidemarkError,
} from '@tidemark/core';
import { planOperation } from './apply/plan-operation.js';
import { capabilities } from './capabilities.js';
import type { MongoCommandRunner } from './command-runner.js';
import { checkNativeCommand, commandTarget, executeNative } from './execute.js';
import { introspectMongo } from './introspect.js';
import { checkData } from './prechecks/run-checks.js';
import { renderPlan } from './render.js';
import { runPlan } from './run/run-plan.js';

/** `MongoApplierOptions` tune the data steps. */
export interface MongoApplierOptions {
  /** Documents per `update` of a rewrite. */
  readonly batchSize: number;
  /**
   * Whether the schema may be kept between operations: only while this connection holds the
   * migration lock; outside it nothing says another run leaves the schema alone.
   */
  readonly holdsLock: () => boolean;
}

/**
 * `MongoApplier` applies operations on MongoDB: each becomes a plan (apply/plan-operation.ts)
 * of prechecks and commands, run through the command runner. Capabilities are checked first
 * (an @Auto() column is refused before anything runs, as the migrator would).
 */
export class MongoApplier implements OperationApplier {
  readonly dialect: Dialect = 'mongodb';
  readonly capabilities: Capabilities = capabilities;
  /** Long rewrites report here (set by the migrator). */
  onProgress: ProgressListener | undefined;
  readonly #runner: MongoCommandRunner;
  readonly #options: MongoApplierOptions;
  /**
   * The live schema, read once and then kept current with core's reducer after each operation
   * succeeds (introspecting before every operation made applying N tables cost N²). It is
   * kept only under the lock, and dropped whenever it could be wrong: a failure, a
   * hand-written command, the lock's end.
   */
  #schema: SchemaSnapshot | undefined;

  constructor(runner: MongoCommandRunner, options: MongoApplierOptions) {
    this.#runner = runner;
    this.#options = options;
  }

  /** `forgetSchema` drops the cached schema; the next operation introspects again. */
  forgetSchema(): void {
    this.#schema = undefined;
  }

  /** `apply` runs the prechecks of `operation`, then all of its commands, or throws. */
  async apply(operation: SchemaOperation): Promise<void> {
    checkCapabilities(this.dialect, this.capabilities, [operation]);
    const before = this.#schema ?? await introspectMongo(this.#runner);
    const plan = planOperation(operation, before, this.#runner.databaseName);
    try {
      await runPlan(this.#runner, plan, { op: operation.kind, batchSize: this.#options.batchSize, onProgress: this.onProgress });
    } catch (err) {
      this.forgetSchema();
      throw err;
    }
    this.#schema = this.#options.holdsLock() ? plan.after : undefined;
  }

  /**
   * `precheck` plans `operation` against the live schema (refusing what MongoDB cannot do, as
   * `apply` would) and runs every precheck of the plan, read-only, returning all failures. The
   * cached schema is used when there is one, otherwise a fresh one is read and not kept.
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    checkCapabilities(this.dialect, this.capabilities, [operation]);
    const before = this.#schema ?? await introspectMongo(this.#runner);
    const plan = planOperation(operation, before, this.#runner.databaseName);
    return checkData(this.#runner, plan.checks, operation.kind, 'all');
  }

  /** `execute` runs a hand-written command document (see execute.ts); SQL text is refused. */
  async execute(statement: NativeStatement): Promise<unknown> {
    this.forgetSchema();
    return executeNative(this.#runner, statement);
  }

  /**
   * `render` returns the commands `apply` (or `execute`) would run on a database whose schema is
   * `before`, for `--dry-run`.
   */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    if (operation.kind === 'execute') {
      const command = checkNativeCommand(operation.statement);
      return [`${commandTarget(command) === 'admin' ? 'admin: ' : ''}${JSON.stringify(command)}`];
    }
    return renderPlan(planOperation(operation, before, this.#runner.databaseName), this.#options.batchSize);
  }
}
