import { traced, type StatementListener } from '@tidemark/core';
import type { RunOptions, SqlExecutor, SqlValue } from '@tidemark/sql';
import type { PgClient, PgQuery, PgResult } from './driver.js';
import { translatePgError } from './errors.js';

/** `Deferred` is a transaction-control statement (BEGIN, SAVEPOINT, RELEASE) waiting for the next statement. */
export interface Deferred {
  readonly statement: string;
}

/**
 * `PgExecutor` runs SQL on one node-postgres client. Every driver error leaves as
 * TM_BACKEND_ERROR naming the statement. Statements with parameters use the extended protocol;
 * those without use the simple one, which is what runs a script of several statements.
 *
 * Transaction control can be deferred (`defer`): it then goes out in the same simple-protocol
 * message as the next Tidemark statement, in order, instead of costing a round trip of its own
 * (a migration of N one-statement operations sent 3N messages for SAVEPOINT, statement and
 * RELEASE; it now sends N). A deferred statement always reaches the server before any statement
 * issued after it, so what runs, and in what order, is unchanged.
 */
export class PgExecutor implements SqlExecutor {
  readonly #client: PgClient;
  readonly #onStatement: StatementListener | undefined;
  #deferred: Deferred[] = [];

  constructor(client: PgClient, onStatement?: StatementListener) {
    this.#client = client;
    this.#onStatement = onStatement;
  }

  /** Every message to the server goes through here, so `--verbose` sees each one with its duration. */
  #send(query: PgQuery): Promise<PgResult | PgResult[]> {
    return traced(this.#onStatement, () => query.text, query.values?.length ?? 0, () => this.#client.query(query));
  }

  /** `defer` queues `statement` (transaction control, no parameters) to run just before the next statement. */
  defer(statement: string): Deferred {
    const d: Deferred = { statement };
    this.#deferred.push(d);
    return d;
  }

  /**
   * `withdraw` takes `d` back if it has not been sent, with everything deferred after it (a
   * SAVEPOINT that was never sent has nothing inside it to release or roll back): true if it was
   * still waiting, false if the server has already run it.
   */
  withdraw(d: Deferred): boolean {
    const i = this.#deferred.indexOf(d);
    if (i < 0) return false;
    this.#deferred.length = i;
    return true;
  }

  /** `discard` forgets every deferred statement: the COMMIT or ROLLBACK about to run settles them all. */
  discard(): void {
    this.#deferred = [];
  }

  /** The deferred statements as a prefix for the next simple-protocol message, now considered sent. */
  #takeDeferred(): string {
    const prefix = this.#deferred.map((d) => `${d.statement};\n`).join('');
    this.#deferred = [];
    return prefix;
  }

  /** Sends the deferred statements on their own: the next statement cannot carry them. */
  async #flush(): Promise<void> {
    if (this.#deferred.length === 0) return;
    const text = this.#takeDeferred();
    try {
      await this.#send({ text });
    } catch (err) {
      throw translatePgError(err, { op: 'transaction', statement: text.trim() });
    }
  }

  /** `query` runs one statement and returns its result (the last one, for a script). */
  async query(statement: string, params: readonly SqlValue[] = [], op?: string): Promise<PgResult> {
    // the extended protocol (parameters) takes one statement per message
    if (params.length > 0) await this.#flush();
    const text = params.length > 0 ? statement : this.#takeDeferred() + statement;
    let result: PgResult | PgResult[];
    try {
      result = await this.#send(params.length > 0 ? { text, values: params } : { text });
    } catch (err) {
      // a deferred BEGIN/SAVEPOINT/RELEASE cannot fail where `statement` would not: the error is its
      throw translatePgError(err, { op, statement });
    }
    return Array.isArray(result) ? result[result.length - 1]! : result;
  }

  /** `run` runs one statement that returns no rows. */
  async run(statement: string, options: RunOptions = {}): Promise<void> {
    await this.query(statement, options.params ?? [], options.op);
  }

  /** `all` runs one query and returns its rows. */
  async all<T = Record<string, unknown>>(statement: string, params?: readonly SqlValue[]): Promise<T[]> {
    return (await this.query(statement, params)).rows as T[];
  }

  /**
   * `execute` runs a migration's hand-written SQL: the rows of a query, `{ changes }` (rows
   * affected) of a single other statement, and `undefined` for a script of several statements.
   * Deferred statements go out first on their own, so the user's text runs exactly as written.
   */
  async execute(statement: string): Promise<unknown> {
    await this.#flush();
    let result: PgResult | PgResult[];
    try {
      result = await this.#send({ text: statement });
    } catch (err) {
      throw translatePgError(err, { op: 'execute', statement });
    }
    if (Array.isArray(result)) return undefined;
    if (result.fields.length > 0) return result.rows;
    return { changes: result.rowCount ?? 0 };
  }
}
