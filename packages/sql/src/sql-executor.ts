/** `SqlValue` is a value a statement can bind as a parameter. */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** `RunOptions` are the optional parts of `SqlExecutor.run`. */
export interface RunOptions {
  readonly params?: readonly SqlValue[];
  /** The operation kind the statement belongs to, for error details. */
  readonly op?: string;
}

/**
 * `SqlExecutor` runs SQL text on one connection. Implementations MUST translate every driver
 * error into a TidemarkError (TM_BACKEND_ERROR with the statement), so no raw driver error
 * reaches the migrator.
 */
export interface SqlExecutor {
  /** `run` runs one statement that returns no rows. */
  run(statement: string, options?: RunOptions): Promise<void>;
  /** `all` runs one query and returns its rows as objects keyed by column name. */
  all<T = Record<string, unknown>>(statement: string, params?: readonly SqlValue[]): Promise<T[]>;
  /**
   * `execute` runs hand-written SQL from a migration's `execute` step: rows for a query,
   * the driver's run result otherwise; several statements separated by `;` are allowed.
   */
  execute(statement: string): Promise<unknown>;
}
