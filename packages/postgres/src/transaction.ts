import { backendError } from '@tidemark/core';
import type { PgExecutor } from './executor.js';

/** `TransactionState` counts how deep the connection is in transactions and savepoints. */
export interface TransactionState {
  depth: number;
}

/**
 * `withTransaction` runs `fn` atomically: in a transaction (BEGIN … COMMIT) at depth 0, in a
 * SAVEPOINT inside one, so nested calls compose. On throw everything `fn` did is rolled back, DDL
 * included, and the error is rethrown. A COMMIT that PostgreSQL answers with ROLLBACK (a statement
 * failed and `fn` swallowed its error) is an error too, never a silent loss.
 */
export async function withTransaction<T>(executor: PgExecutor, state: TransactionState, fn: () => Promise<T>): Promise<T> {
  const depth = state.depth;
  const savepoint = `"tidemark_${depth}"`;
  await executor.run(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`, { op: 'transaction' });
  state.depth = depth + 1;
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    state.depth = depth;
    try {
      if (depth === 0) await executor.run('ROLLBACK', { op: 'transaction' });
      else await executor.run(`ROLLBACK TO SAVEPOINT ${savepoint}`, { op: 'transaction' });
    } catch {
      // the connection is gone or broken: the server rolls back on its own; report the first error
    }
    throw err;
  }
  state.depth = depth;
  if (depth > 0) {
    await executor.run(`RELEASE SAVEPOINT ${savepoint}`, { op: 'transaction' });
    return result;
  }
  const commit = await executor.query('COMMIT', [], 'transaction');
  if (commit.command === 'ROLLBACK') {
    throw backendError('postgres', 'the transaction was rolled back at COMMIT because a statement in it had failed',
      { op: 'transaction', statement: 'COMMIT' });
  }
  return result;
}
