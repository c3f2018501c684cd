import {
  applyOperation, unsupportedOperation,
  type Capabilities, type CreateIndex, type Dialect, type NativeStatement, type Operation, type OperationApplier, type SchemaOperation, type SchemaSnapshot,
  type TidemarkError,
} from '@tidemark/core';
import { SqlApplier } from '@tidemark/sql';
import { capabilities } from './capabilities.js';
import type { ConnectionState } from './connection-state.js';
import { markShort, postgresDialect, quoteIdentifier, shortenOperation } from './dialect/index.js';
import { sqlState } from './errors.js';
import type { PgExecutor } from './executor.js';
import { postgresPrechecks } from './prechecks/index.js';
import { withTransaction } from './transaction.js';

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
  readonly #state: ConnectionState;
  readonly #introspect: () => Promise<SchemaSnapshot>;
  readonly #inner: SqlApplier;
  /**
   * The live schema, read once and then kept current with core's reducer after each operation
   * succeeds (the conformance suite checks the reducer against introspection for every kind).
   * Introspecting before every operation made applying N tables cost N². It is dropped whenever
   * it could be wrong: a failure, a rolled-back transaction, hand-written SQL, the lock's end.
   */
  #schema: SchemaSnapshot | undefined;

  constructor(executor: PgExecutor, state: ConnectionState, introspect: () => Promise<SchemaSnapshot>) {
    this.#executor = executor;
    this.#state = state;
    this.#introspect = introspect;
    this.#inner = new SqlApplier({
      dialect: postgresDialect,
      capabilities,
      executor,
      readSchema: () => this.#liveSchema(),
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
    try {
      // #applyOne lets every statement error through, so its RELEASE can wait for the next statement
      await withTransaction(this.#executor, this.#state, () => this.#applyOne(short), { deferRelease: true });
    } finally {
      // applied on its own, outside the lock: nothing says the schema stays as we left it
      if (!this.#state.locked && this.#state.depth === 0) this.forgetSchema();
    }
  }

  /**
   * `precheck` runs every data precheck of `operation` (in PostgreSQL's shortened names) against
   * the live data and returns all failures. Only SELECTs that cannot fail on the data run (see
   * PRECHECKS), so an enclosing transaction is never aborted; no savepoint, no lock. The cached
   * schema is used when there is one, otherwise a fresh one is read and not kept.
   */
  async precheck(operation: SchemaOperation): Promise<readonly TidemarkError[]> {
    return this.#inner.precheckAgainst(shortenOperation(operation), this.#schema ?? await this.#introspect());
  }

  /** `forgetSchema` drops the cached schema; the next operation introspects again. */
  forgetSchema(): void {
    this.#schema = undefined;
  }

  async #liveSchema(): Promise<SchemaSnapshot> {
    this.#schema ??= await this.#introspect();
    return this.#schema;
  }

  async #applyOne(operation: SchemaOperation): Promise<void> {
    const before = await this.#liveSchema();
    try {
      await this.#inner.apply(operation);
    } catch (err) {
      this.forgetSchema();
      throw err;
    }
    this.#schema = markShort(applyOperation(before, operation));
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
    } finally {
      if (!this.#state.locked) this.forgetSchema();
    }
  }

  async #dropInvalidIndex(name: string): Promise<void> {
    const invalid = await this.#executor.all(
      'SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1 AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND NOT i.indisvalid',
      [name]);
    if (invalid.length > 0) await this.#executor.run(`DROP INDEX CONCURRENTLY IF EXISTS ${quoteIdentifier(name)}`, { op: 'createIndex' });
  }

  /** `execute` runs hand-written SQL, which may change the schema behind the cache's back. */
  execute(statement: NativeStatement): Promise<unknown> {
    this.forgetSchema();
    return this.#inner.execute(statement);
  }

  /** `render` returns the statements `apply` would run on a database whose schema is `before`, for `--dry-run`. */
  render(operation: Operation, before: SchemaSnapshot): string[] {
    return this.#inner.render(operation, before);
  }
}
