import {
  unsupportedOperation,
  type Capabilities, type DataChange, type DataResult, type ProgressListener, type CreateIndex, type Dialect, type LiveSchema, type NativeStatement, type Operation, type OperationApplier, type SchemaOperation, type SchemaSnapshot,
  type TidemarkError,
} from '@tidemark/core';
import { SqlApplier } from '@tidemark/sql';
import { capabilities } from './capabilities.js';
import { postgresDialect, quoteIdentifier, shortenOperation } from '@tidemark/sql/postgres';
import { sqlState } from './errors.js';
import type { PgExecutor } from './executor.js';
import { postgresPrechecks } from './prechecks/index.js';
import { withTransaction, type TransactionState } from './transaction.js';

/**
 * `PostgresApplier` applies operations through `SqlApplier` (render against the live schema,
 * prechecks, statements), each operation atomically: in its own SAVEPOINT inside a migration's
 * transaction, in its own transaction outside one (a migration with `transaction: false`).
 * CREATE INDEX CONCURRENTLY is the exception: PostgreSQL runs it only outside a transaction.
 * SAVEPOINT and RELEASE travel with the operation's statements (see `PgExecutor.defer`), so the
 * savepoint costs no round trip of its own.
 */
export class PostgresApplier implements OperationApplier {
  readonly dialect: Dialect = 'postgres';
  readonly capabilities: Capabilities = capabilities;
  readonly #executor: PgExecutor;
  readonly #state: TransactionState;
  readonly #live: LiveSchema;
  readonly #inner: SqlApplier;

  constructor(executor: PgExecutor, state: TransactionState, live: LiveSchema) {
    this.#executor = executor;
    this.#state = state;
    this.#live = live;
    this.#inner = new SqlApplier({
      dialect: postgresDialect,
      capabilities,
      executor,
      readSchema: () => live.read(),
      precheck: postgresPrechecks(executor),
    });
  }

  /**
   * `apply` runs the prechecks of `operation`, then all of it, or throws having changed nothing.
   * Names are shortened to what PostgreSQL stores first (see `shortenOperation`).
   */
  async apply(operation: SchemaOperation): Promise<void> {
    const short = shortenOperation(operation);
    if (short.kind === 'createIndex' && short.concurrently) {
      await this.#createConcurrently(short);
      return;
    }
    // #applyOne lets every statement error through, so its RELEASE can wait for the next statement
    await this.#live.atomically((body) => withTransaction(this.#executor, this.#state, body, { deferRelease: true }),
      () => this.#applyOne(short));
  }

  /**
   * `precheck` runs every data precheck of `operation` (in PostgreSQL's shortened names) against
   * the live data and returns all failures. Only SELECTs that cannot fail on the data run (see
   * PRECHECKS), so an enclosing transaction is never aborted; no savepoint, no lock.
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    return this.#inner.precheckAgainst(shortenOperation(operation), await this.#live.read());
  }

  #applyOne(operation: SchemaOperation): Promise<void> {
    return this.#live.change(operation, (before) => this.#inner.applyAgainst(operation, before));
  }

  /**
   * CREATE INDEX CONCURRENTLY, which cannot run in a transaction block: refused inside one, with
   * the fix. If the build fails (a duplicate written meanwhile, a cancel), PostgreSQL leaves an
   * INVALID index behind that would block the next attempt; it is dropped.
   * (https://www.postgresql.org/docs/current/sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY)
   */
  async #createConcurrently(operation: CreateIndex): Promise<void> {
    if (this.#state.depth > 0) {
      throw unsupportedOperation('postgres', `create index ${operation.index.name} CONCURRENTLY inside a transaction`,
        'set `transaction: false` on the migration that creates it (CREATE INDEX CONCURRENTLY cannot run in a transaction block), or drop the concurrently option');
    }
    try {
      await this.#applyOne(operation);
    } catch (err) {
      if (sqlState((err as { cause?: unknown }).cause) !== '42P07') await this.#dropInvalidIndex(operation.index.name);
      throw err;
    }
  }

  async #dropInvalidIndex(name: string): Promise<void> {
    const invalid = await this.#executor.all(
      'SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND NOT i.indisvalid',
      [name]);
    if (invalid.length > 0) await this.#executor.run(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdentifier(name)}`, { op: 'createIndex' });
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

  /** `execute` runs hand-written SQL, which may change the schema behind the cache's back. */
  execute(statement: NativeStatement): Promise<unknown> {
    return this.#live.native(() => this.#inner.execute(statement));
  }

  /** `render` returns the statements `apply` would run on a database whose schema is `before`, for `--dry-run`. */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    return this.#inner.render(operation, before);
  }
}
