import { tracedSync, type StatementListener } from '@tidemark/core';
import type { RunOptions, SqlExecutor, SqlValue } from '@tidemark/sql';
import type { SqliteDatabase } from './driver.js';
import { translateSqliteError } from './errors.js';

/**
 * `SqliteExecutor` runs SQL on one better-sqlite3 handle. The driver is synchronous: the `*Sync`
 * methods serve the connection's own bookkeeping (lock, savepoints, PRAGMAs), the async ones the
 * `SqlExecutor` contract. Every driver error leaves as TM_BACKEND_ERROR.
 */
export class SqliteExecutor implements SqlExecutor {
  readonly #db: SqliteDatabase;
  readonly #onStatement: StatementListener | undefined;

  constructor(db: SqliteDatabase, onStatement?: StatementListener) {
    this.#db = db;
    this.#onStatement = onStatement;
  }

  /** `db` is the handle, for the few callers that need `inTransaction`. */
  get db(): SqliteDatabase {
    return this.#db;
  }

  /** `runSync` runs one statement that returns no rows. */
  runSync(statement: string, options: RunOptions = {}): void {
    try {
      const params = options.params ?? [];
      tracedSync(this.#onStatement, statement, params.length, () => this.#db.prepare(statement).run(...params));
    } catch (err) {
      throw translateSqliteError(err, { op: options.op, statement });
    }
  }

  /** `execSync` runs transaction control or a PRAGMA as it is, reported like every other statement. */
  execSync(statement: string): void {
    tracedSync(this.#onStatement, statement, 0, () => this.#db.exec(statement));
  }

  /** `allSync` runs one query and returns its rows. */
  allSync<T = Record<string, unknown>>(statement: string, params: readonly SqlValue[] = []): T[] {
    try {
      return tracedSync(this.#onStatement, statement, params.length, () => this.#db.prepare(statement).all(...params)) as T[];
    } catch (err) {
      throw translateSqliteError(err, { statement });
    }
  }

  /** `run` runs one statement that returns no rows. */
  async run(statement: string, options?: RunOptions): Promise<void> {
    this.runSync(statement, options);
  }

  /** `all` runs one query and returns its rows. */
  async all<T = Record<string, unknown>>(statement: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.allSync<T>(statement, params);
  }

  /**
   * `execute` runs a migration's hand-written SQL: the rows of a query, `{ changes, lastInsertRowid }`
   * of a single write, and `undefined` for a script of several statements.
   */
  async execute(statement: string): Promise<unknown> {
    return tracedSync(this.#onStatement, statement, 0, () => this.#executeSync(statement));
  }

  #executeSync(statement: string): unknown {
    try {
      let prepared;
      try {
        prepared = this.#db.prepare(statement);
      } catch (err) {
        // better-sqlite3 prepares one statement at a time; a script goes through exec instead.
        if (err instanceof RangeError && /more than one statement/i.test(err.message)) {
          this.#db.exec(statement);
          return undefined;
        }
        throw err;
      }
      if (prepared.reader) return prepared.all();
      const { changes, lastInsertRowid } = prepared.run();
      return { changes, lastInsertRowid };
    } catch (err) {
      throw translateSqliteError(err, { op: 'execute', statement });
    }
  }
}
