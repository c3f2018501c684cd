import type {
  Capabilities, Dialect, NativeStatement, Operation, OperationApplier, ProgressListener, SchemaOperation, SchemaSnapshot, TidemarkError,
} from '@tidemark/core';
import { planOperation } from './apply/plan-operation.js';
import { runSteps } from './apply/run-steps.js';
import { capabilities } from './capabilities.js';
import { executeStatement, renderStatement } from './execute.js';
import type { DynamoGateway } from './gateway.js';
import { introspectDynamoDb } from './introspect.js';
import { checkItems } from './prechecks/run-check.js';
import { renderStep } from './render.js';
import { ensureSchemaTable } from './schema-store.js';
import type { WaitOptions } from './wait.js';

/**
 * `DynamoApplier` applies operations on DynamoDB: each becomes steps (`planOperation`: checks,
 * then table, index and item changes, then Tidemark's metadata), run in order, waiting for
 * DynamoDB wherever it works in the background. Nothing is transactional: an operation that
 * fails half-way leaves the steps it finished (the migrator records how far it got).
 */
export class DynamoApplier implements OperationApplier {
  readonly dialect: Dialect = 'dynamodb';
  readonly capabilities: Capabilities = capabilities;
  /** Hears how far back-fills, rewrites and copies have got. */
  onProgress: ProgressListener | undefined;
  readonly #db: DynamoGateway;
  readonly #wait: WaitOptions;
  #metadataReady = false;
  /** Whether a migration lock is held: only then may the schema read before stay cached. */
  #locked = false;
  /**
   * The live schema, read once and then kept current with core's reducer after each operation
   * succeeds (the conformance suite checks the reducer against introspection for every kind):
   * introspecting before every operation made applying N tables cost N². Dropped whenever it
   * could be wrong: a failure, the lock's start and end.
   */
  #schema: SchemaSnapshot | undefined;

  constructor(db: DynamoGateway, wait: WaitOptions) {
    this.#db = db;
    this.#wait = wait;
  }

  /** `apply` plans `operation` against the live schema (refusing what DynamoDB cannot do), then runs every step, or throws. */
  async apply(operation: SchemaOperation): Promise<void> {
    const before = (this.#locked ? this.#schema : undefined) ?? await introspectDynamoDb(this.#db);
    const plan = planOperation(operation, before);
    try {
      if (!this.#metadataReady) {
        await ensureSchemaTable(this.#db, this.#wait);
        this.#metadataReady = true;
      }
      await runSteps(plan.steps, { db: this.#db, wait: this.#wait, onProgress: this.onProgress, operation: operation.kind });
    } catch (err) {
      this.forgetSchema();
      throw err;
    }
    // outside a lock nothing says the schema stays ours: the next operation reads it again
    this.#schema = this.#locked ? plan.after : undefined;
  }

  /**
   * `precheck` plans `operation` against the live schema (refusing what DynamoDB cannot do, as
   * `apply` would) and runs every check step of the plan, read-only (Scans), returning all
   * failures. The plan's checks all come before its first change, so they read the data as it
   * is before the operation. The cached schema is used under the lock; otherwise a fresh one is
   * read and not kept.
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    const before = (this.#locked ? this.#schema : undefined) ?? await introspectDynamoDb(this.#db);
    const failures: TidemarkError[] = [];
    for (const step of planOperation(operation, before).steps) {
      if (step.kind === 'check') failures.push(...await checkItems(this.#db, step.table, step.check));
    }
    return failures;
  }

  /** `lockChanged` tells the applier a migration lock was taken or let go (@internal, for the connection). */
  lockChanged(locked: boolean): void {
    this.#locked = locked;
    this.forgetSchema();
  }

  /** `forgetSchema` drops the cached schema; the next operation introspects again. */
  forgetSchema(): void {
    this.#schema = undefined;
    this.#metadataReady = false;
  }

  /** `execute` runs a DynamoDB data command (see `DynamoDbStatement`); SQL text is refused. */
  execute(statement: NativeStatement): Promise<unknown> {
    return executeStatement(this.#db, statement);
  }

  /** `render` returns the requests `apply` would make on a database whose schema is `before`, for `--dry-run`. */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    if (operation.kind === 'execute') return [renderStatement(operation.statement)];
    return planOperation(operation, before).steps.flatMap(renderStep);
  }
}
