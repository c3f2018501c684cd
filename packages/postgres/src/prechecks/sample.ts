import { precheckFailed, type TableSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { quoteIdentifier as q } from '@tidemark/sql/postgres';

/** `SAMPLE_SIZE` is how many offending rows a precheck failure shows. */
export const SAMPLE_SIZE = 5;

/** `plainValue` makes a sample value printable as JSON: bytes as \x-hex, times as ISO text. */
export function plainValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** `plainRow` applies `plainValue` to every value of a row. */
export function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plainValue(v)]));
}

/**
 * `failIfAny` counts the rows of `table` matching `where` and, if there are any, throws
 * TM_PRECHECK_FAILED with the count and up to five of them (their key, or ctid for a table
 * without one, and `columns`), in key order so the same data always shows the same samples.
 */
export async function failIfAny(executor: SqlExecutor, table: TableSnapshot, where: string, columns: readonly string[],
  check: string, target: string, hint: string): Promise<void> {
  const from = `FROM ${q(table.name)} WHERE ${where}`;
  const [counted] = await executor.all<{ n: number }>(`SELECT count(*) AS n ${from}`);
  const count = Number(counted?.n ?? 0);
  if (count === 0) return;
  const key = table.primaryKey.length > 0 ? table.primaryKey.map(q) : ['ctid'];
  const shown = [...new Set([...key.map((k) => (k === 'ctid' ? 'ctid::text AS ctid' : k)), ...columns.map(q)])].join(', ');
  const samples = await executor.all(`SELECT ${shown} ${from} ORDER BY ${key.join(', ')} LIMIT ${SAMPLE_SIZE}`);
  throw precheckFailed(check, target, count, samples.map(plainRow), hint);
}
