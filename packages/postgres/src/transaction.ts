import { backendError } from '@tidemark/core';
import type { PgExecutor } from './executor.js';

/** `TransactionState` counts how deep the connection is in transactions and savepoints. */
export interface TransactionState {
  depth: number;
}

/** `TransactionOptions` tune `withTransaction`. */
export interface TransactionOptions {
  /**
   * Send RELEASE SAVEPOINT with the next statement instead of on its own. Only for an `fn` that
   * lets every statement error through (the applier's one operation): its statements all
   * succeeded, so the RELEASE cannot fail later. A caller's `fn` may swallow an error, leaving
   * the transaction aborted: its RELEASE must fail at once, where the caller sees it.
   */
  readonly deferRelease?: boolean;
}

/**
 * `withTransaction` runs `fn` atomically: in a transaction (BEGIN … COMMIT) at depth 0, in a
 * SAVEPOINT inside one, so nested calls compose. On throw everything `fn` did is rolled back, DDL
 * included, and the error is rethrown. A COMMIT that PostgreSQL answers with ROLLBACK (a statement
 * failed and `fn` swallowed its error) is an error too, never a silent loss.
 * BEGIN and SAVEPOINT travel with `fn`'s first statement (see `PgExecutor.defer`); when `fn` sent
 * nothing there is nothing to commit, release or roll back, and nothing is sent.
 */
export async function withTransaction<T>(executor: PgExecutor, state: TransactionState, fn: () => Promise<T>,
  options: TransactionOptions = {}): Promise<T> {
  const depth = state.depth;
  const savepoint = `"tidemark_${depth}"`;
  const opening = executor.defer(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
  state.depth = depth + 1;
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    state.depth = depth;
    if (!executor.withdraw(opening)) {
      // what is still deferred was opened inside this transaction: the rollback undoes it too
      executor.discard();
      try {
        await executor.run(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`, { op: 'transaction' });
      } catch {
        // the connection is gone or broken: the server rolls back on its own; report the first error
      }
    }
    throw err;
  }
  state.depth = depth;
  if (executor.withdraw(opening)) return result;
  if (depth > 0) {
    const release = `RELEASE SAVEPOINT ${savepoint}`;
    if (options.deferRelease) executor.defer(release);
    else await executor.run(release, { op: 'transaction' });
    return result;
  }
  // COMMIT releases every savepoint still waiting to be released
  executor.discard();
  const commit = await executor.query('COMMIT', [], 'transaction');
  if (commit.command === 'ROLLBACK') {
    throw backendError('postgres', 'the transaction was rolled back at COMMIT because a statement in it had failed',
      { op: 'transaction', statement: 'COMMIT' });
  }
  return result;
}
