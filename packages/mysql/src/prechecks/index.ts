import { sqlPrechecks, type Precheck } from '@tidemark/sql';
import { checkPredicates } from '@tidemark/sql/mysql';
import type { MysqlExecutor } from '../executor.js';

/** `plainValue` makes a sample value as mysql2 returns it printable as JSON: Buffers as UTF-8 text, bigints as text. */
const plainValue = (v: unknown): unknown => (Buffer.isBuffer(v) ? v.toString('utf8') : typeof v === 'bigint' ? v.toString() : v);

/**
 * `mysqlPrechecks` returns the `Precheck` the applier runs before each operation (`apply`: the
 * first failure, thrown before any statement) and for `precheck` (every failure): the shared SQL
 * prechecks spelt in MySQL (docs/architecture.md: Where each invariant lives). This matters more
 * on MySQL than anywhere: its DDL cannot be rolled back, so a check that stopped a change
 * half-way would leave it half-applied.
 */
export function mysqlPrechecks(executor: MysqlExecutor): Precheck {
  return sqlPrechecks(checkPredicates, executor, plainValue);
}
