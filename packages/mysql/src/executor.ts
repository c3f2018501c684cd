import { traced, type StatementListener } from '@tidemark/core';
import type { RunOptions, SqlExecutor, SqlValue } from '@tidemark/sql';
import type { MysqlConnectionHandle, MysqlResultHeader } from './driver.js';
import { translateMysqlError } from './errors.js';
import { splitStatements } from './split-statements.js';

/** `ExecuteResult` is what `execute` returns for a statement that returns no rows. */
export interface ExecuteResult {
  readonly affectedRows: number;
  readonly insertId: number;
}

function resultOf(raw: unknown): unknown {
  if (Array.isArray(raw)) return raw;
  const header = raw as MysqlResultHeader;
  return { affectedRows: header.affectedRows, insertId: header.insertId } satisfies ExecuteResult;
}

/**
 * `MysqlExecutor` runs SQL on one mysql2 connection, one statement per call (the connection
 * does not allow several: see `splitStatements`). Statements without parameters go over the
 * text protocol; with parameters, as server-side prepared statements, so a `?` inside a quoted
 * name or literal is never mistaken for a placeholder. Every driver error leaves as TM_BACKEND_ERROR.
 */
export class MysqlExecutor implements SqlExecutor {
  readonly #handle: MysqlConnectionHandle;
  readonly #onStatement: StatementListener | undefined;

  constructor(handle: MysqlConnectionHandle, onStatement?: StatementListener) {
    this.#handle = handle;
    this.#onStatement = onStatement;
  }

  async #send(statement: string, params: readonly SqlValue[] | undefined, op: string | undefined): Promise<unknown> {
    try {
      const [result] = await traced(this.#onStatement, () => statement, params?.length ?? 0,
        () => (params && params.length > 0 ? this.#handle.execute(statement, params) : this.#handle.query(statement)));
      return result;
    } catch (err) {
      throw translateMysqlError(err, { op, statement });
    }
  }

  /** `run` runs one statement that returns no rows. */
  async run(statement: string, options: RunOptions = {}): Promise<void> {
    await this.#send(statement, options.params, options.op);
  }

  /** `all` runs one query and returns its rows. */
  async all<T = Record<string, unknown>>(statement: string, params?: readonly SqlValue[]): Promise<T[]> {
    const rows = await this.#send(statement, params, undefined);
    return (Array.isArray(rows) ? rows : []) as T[];
  }

  /**
   * `execute` runs a migration's hand-written SQL: the rows of a query, `{ affectedRows, insertId }`
   * of a write, and for a script of several statements (split by `splitStatements`, run in order,
   * stopping at the first failure) the list of each statement's result.
   */
  async execute(statement: string): Promise<unknown> {
    const statements = splitStatements(statement);
    const results: unknown[] = [];
    for (const s of statements) results.push(resultOf(await this.#send(s, undefined, 'execute')));
    return statements.length === 1 ? results[0] : results;
  }
}
