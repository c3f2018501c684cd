import { sqlPrechecks, type Precheck, type SqlExecutor } from '@tidemark/sql';
import { checkPredicates } from '@tidemark/sql/postgres';
import { plainValue } from './plain-value.js';

/**
 * `postgresPrechecks` returns the `Precheck` the applier runs before each operation's statements
 * (`apply`: the first failure, thrown before anything changes) and for `precheck` (every
 * failure): the shared SQL prechecks spelt in PostgreSQL, none of whose reads can fail on the
 * data (docs/architecture.md: Where each invariant lives). The operation and schema are already
 * shortened (see `shortenOperation`).
 */
export function postgresPrechecks(executor: SqlExecutor): Precheck {
  return sqlPrechecks(checkPredicates, executor, plainValue);
}
