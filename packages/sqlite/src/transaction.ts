import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from './executor.js';
import { assertForeignKeys, foreignKeysEnabled, setForeignKeys } from './foreign-key-check.js';

/** `SavepointCounter` numbers nested savepoints on one connection, so their names never clash. */
export interface SavepointCounter {
  depth: number;
}

/**
 * `sqliteSavepoint` runs `fn` in a SAVEPOINT, released on success and rolled back on throw, so
 * whatever `fn` did is kept whole or not at all. `beforeRelease` runs last, inside the savepoint.
 */
export async function sqliteSavepoint<T>(executor: SqliteExecutor, counter: SavepointCounter, fn: () => Promise<T>,
  beforeRelease?: () => void): Promise<T> {
  const name = sqlite.quoteIdentifier(`tidemark_${counter.depth++}`);
  try {
    executor.runSync(`SAVEPOINT ${name}`);
    try {
      const result = await fn();
      beforeRelease?.();
      executor.runSync(`RELEASE ${name}`);
      return result;
    } catch (err) {
      // Some errors (SQLITE_FULL, …) already rolled the whole transaction back.
      if (executor.db.inTransaction) {
        executor.runSync(`ROLLBACK TO ${name}`);
        executor.runSync(`RELEASE ${name}`);
      }
      throw err;
    }
  } finally {
    counter.depth--;
  }
}

/**
 * `sqliteTransaction` runs `fn` atomically in a SAVEPOINT and runs `PRAGMA foreign_key_check`
 * before releasing it: a violation rolls everything back and throws. Inside `withLock` this nests
 * in the lock's transaction; on its own it starts one, switching foreign keys off for its
 * duration (outside the transaction, where the PRAGMA works) so that table rebuilds fire no cascade.
 */
export async function sqliteTransaction<T>(executor: SqliteExecutor, counter: SavepointCounter, fn: () => Promise<T>): Promise<T> {
  const restoreForeignKeys = !executor.db.inTransaction && foreignKeysEnabled(executor);
  if (restoreForeignKeys) setForeignKeys(executor, false);
  try {
    return await sqliteSavepoint(executor, counter, fn, () => assertForeignKeys(executor));
  } finally {
    if (restoreForeignKeys) setForeignKeys(executor, true);
  }
}
