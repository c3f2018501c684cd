import { precheckFailed, type TableSnapshot } from '@tidemark/core';
import { quoteIdentifier } from '@tidemark/sql/mysql';
import type { MysqlExecutor } from '../executor.js';

/** `SAMPLE_SIZE` is how many offending rows a precheck failure shows. */
export const SAMPLE_SIZE = 5;

/** `plainRow` makes a sample row printable as JSON: driver values (Buffers, bigint strings) become plain text and numbers. */
export function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : typeof v === 'bigint' ? v.toString() : v]));
}

/**
 * `failIfAny` counts the rows of `table` matching `where` and, if there are any, throws
 * TM_PRECHECK_FAILED with the count and up to five rows (their key and `columns`), before any
 * statement of the operation has run.
 */
export async function failIfAny(executor: MysqlExecutor, table: TableSnapshot, where: string, columns: readonly string[],
  check: string, target: string, hint: string): Promise<void> {
  const from = `FROM ${quoteIdentifier(table.name)} WHERE ${where}`;
  const [row] = await executor.all<{ n: number | string }>(`SELECT COUNT(*) AS n ${from}`);
  const count = Number(row?.n ?? 0);
  if (count === 0) return;
  const shown = [...new Set([...table.primaryKey, ...columns])];
  const list = shown.length > 0 ? shown.map(quoteIdentifier).join(', ') : '*';
  const order = table.primaryKey.length > 0 ? ` ORDER BY ${table.primaryKey.map(quoteIdentifier).join(', ')}` : '';
  const samples = await executor.all<Record<string, unknown>>(`SELECT ${list} ${from}${order} LIMIT ${SAMPLE_SIZE}`);
  throw precheckFailed(check, target, count, samples.map(plainRow), hint);
}
