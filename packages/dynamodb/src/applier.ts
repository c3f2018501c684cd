import type {
  Capabilities, DataChange, DataResult, Dialect, LiveSchema, NativeStatement, Operation, OperationApplier, ProgressListener, SchemaOperation, SchemaSnapshot, TidemarkError,
} from '@tidemark/core';
import { planOperation } from './apply/plan-operation.js';
import { runSteps } from './apply/run-steps.js';
import { capabilities } from './capabilities.js';
import { runDynamoDataChange } from './data/run-data-change.js';
import { executeStatement } from './execute.js';
import type { DynamoGateway } from './gateway.js';
import { checkItems } from './prechecks/run-check.js';
import { renderOperation } from './render.js';
import { countItems } from './scan.js';
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
  readonly #live: LiveSchema;
  /**
   * Whether Tidemark's metadata table is known to exist: learnt with the live schema, so it is
   * dropped with it (`LiveSchema`'s `onDrop`, wired by the connection through `forgetMetadata`).
   */
  #metadataReady = false;

  constructor(db: DynamoGateway, wait: WaitOptions, live: LiveSchema) {
    this.#db = db;
    this.#wait = wait;
    this.#live = live;
  }

  /** `apply` plans `operation` against the live schema (refusing what DynamoDB cannot do), then runs every step, or throws. */
  async apply(operation: SchemaOperation): Promise<void> {
    await this.#live.change(operation, async (before) => {
      const plan = planOperation(operation, before);
      if (!this.#metadataReady) {
        await ensureSchemaTable(this.#db, this.#wait);
        this.#metadataReady = true;
      }
      await runSteps(plan.steps, { db: this.#db, wait: this.#wait, onProgress: this.onProgress, operation: operation.kind });
      return plan.after;
    });
  }

  /**
   * `precheck` plans `operation` against the live schema (refusing what DynamoDB cannot do, as
   * `apply` would) and runs every check step of the plan, read-only (Scans), returning all
   * failures. The plan's checks all come before its first change, so they read the data as it
   * is before the operation.
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    const failures: TidemarkError[] = [];
    for (const step of planOperation(operation, await this.#live.read()).steps) {
      if (step.kind === 'check') failures.push(...await checkItems(this.#db, step.table, step.check));
    }
    return failures;
  }

  /** `forgetMetadata` forgets that the metadata table exists (@internal: the live schema's `onDrop`). */
  forgetMetadata(): void {
    this.#metadataReady = false;
  }

  /** `applyData` runs an insert, update or back-fill with item requests (data/run-data-change.ts). */
  async applyData(change: DataChange): Promise<DataResult> {
    return runDynamoDataChange(change, { db: this.#db, schema: await this.#live.read(), onProgress: this.onProgress });
  }

  /** `countAtRisk` counts the items of `table`, or those holding attribute `column` (a COUNT scan): what dropping it loses. */
  countAtRisk(table: string, column?: string): Promise<number> {
    return countItems(this.#db, table, 'count', column);
  }

  /** `execute` runs a DynamoDB data command (see `DynamoDbStatement`); SQL text is refused. */
  execute(statement: NativeStatement): Promise<unknown> {
    return this.#live.native(() => executeStatement(this.#db, statement));
  }

  /** `render` returns the requests `apply` would make on a database whose schema is `before`, for `--dry-run`. */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    return renderOperation(operation, before);
  }
}
