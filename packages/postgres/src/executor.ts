import type { RunOptions, SqlExecutor, SqlValue } from '@tidemark/sql';
import type { PgClient, PgResult } from './driver.js';
import { translatePgError } from './errors.js';

/**
 * `PgExecutor` runs SQL on one node-postgres client. Every driver error leaves as
 * TM_BACKEND_ERROR naming the statement. Statements with parameters use the extended protocol;
 * those without use the simple one, which is what runs a script of several statements.
 */
export class PgExecutor implements SqlExecutor {
  readonly #client: PgClient;

  constructor(client: PgClient) {
    this.#client = client;
  }

  /** `query` runs one statement and returns its result (the last one, for a script). */
  async query(statement: string, params: readonly SqlValue[] = [], op?: string): Promise<PgResult> {
    let result: PgResult | PgResult[];
    try {
      result = await this.#client.query(params.length > 0 ? { text: statement, values: params } : { text: statement });
    } catch (err) {
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
   */
  async execute(statement: string): Promise<unknown> {
    let result: PgResult | PgResult[];
    try {
      result = await this.#client.query({ text: statement });
    } catch (err) {
      throw translatePgError(err, { op: 'execute', statement });
    }
    if (Array.isArray(result)) return undefined;
    if (result.fields.length > 0) return result.rows;
    return { changes: result.rowCount ?? 0 };
  }
}
