// core has no Node or DOM types; every runtime Tidemark supports has this global (sub-millisecond clock)
declare const performance: { now(): number };

/** `StatementTrace` is one statement or command as it was sent, for `--verbose`. */
export interface StatementTrace {
  /** The statement, command document or request as text; parameter values are never included. */
  readonly statement: string;
  /** How many parameters were bound (their values are not shown: they may be personal data). */
  readonly params?: number;
  readonly ms: number;
  /** Whether it failed (its error is reported as usual). */
  readonly failed?: boolean;
}

/** `StatementListener` hears every statement a connection sends (README: --verbose). */
export type StatementListener = (trace: StatementTrace) => void;

/**
 * `traced` runs `send` and reports it to `listener` with its duration, failed or not; without a
 * listener it only runs it. One home for timing, so every backend reports the same way.
 */
export async function traced<T>(listener: StatementListener | undefined, statement: () => string, params: number, send: () => Promise<T>): Promise<T> {
  if (!listener) return send();
  const started = performance.now();
  try {
    const result = await send();
    listener({ statement: statement(), ...(params > 0 ? { params } : {}), ms: performance.now() - started });
    return result;
  } catch (err) {
    listener({ statement: statement(), ...(params > 0 ? { params } : {}), ms: performance.now() - started, failed: true });
    throw err;
  }
}

/** `tracedSync` is `traced` for a synchronous driver (better-sqlite3). */
export function tracedSync<T>(listener: StatementListener | undefined, statement: string, params: number, send: () => T): T {
  if (!listener) return send();
  const started = performance.now();
  try {
    const result = send();
    listener({ statement, ...(params > 0 ? { params } : {}), ms: performance.now() - started });
    return result;
  } catch (err) {
    listener({ statement, ...(params > 0 ? { params } : {}), ms: performance.now() - started, failed: true });
    throw err;
  }
}
