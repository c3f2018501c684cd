import { sqlite, sqlPrechecks, type Precheck } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';

/**
 * `sqlitePrechecks` returns the `Precheck` the applier runs before each operation (`apply`: the
 * first failure, which it throws before anything changes) and for `precheck` (every failure):
 * the shared SQL prechecks spelt in SQLite (docs/architecture.md: Where each invariant lives).
 */
export function sqlitePrechecks(executor: SqliteExecutor): Precheck {
  return sqlPrechecks(sqlite.checkPredicates, executor);
}
