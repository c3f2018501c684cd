import { TidemarkError } from '../errors/tidemark-error.js';
import type { TableSnapshot } from '../snapshot/schema-snapshot.js';
import { sameValue } from './check-value.js';
import type { DataValue } from './data-value.js';
import type { Predicate } from './where.js';

/**
 * `rowsToInsert` is the rule of `insert(…, { skipExisting: true })` on every backend: each row
 * must name its key, and the rows whose key is among `existing` (read by the backend) are left
 * out, as are repeats within `rows`.
 */
export function rowsToInsert(table: TableSnapshot, rows: readonly Record<string, DataValue>[], existing: readonly Record<string, DataValue>[]): Record<string, DataValue>[] {
  const key = (row: Record<string, DataValue>): DataValue[] => table.primaryKey.map((k) => row[k] ?? null);
  for (const row of rows) {
    const missing = table.primaryKey.filter((k) => row[k] === undefined || row[k] === null);
    if (missing.length > 0 || table.primaryKey.length === 0) {
      throw new TidemarkError('TM_MIGRATION_INVALID', {
        message: `a row for ${table.name} does not name its key (${missing.join(', ') || 'the table has no key'}), so whether it exists cannot be told`,
        hint: 'give every seed row its key value, so that running the seeds again inserts nothing twice',
        details: { table: table.name },
      });
    }
  }
  const same = (a: DataValue[], b: DataValue[]): boolean => a.every((v, i) => sameValue(v, b[i]));
  const taken = existing.map(key);
  const out: Record<string, DataValue>[] = [];
  for (const row of rows) {
    const k = key(row);
    if (taken.some((t) => same(t, k))) continue;
    taken.push(k);
    out.push(row);
  }
  return out;
}

/** `keysPredicate` matches the rows whose key equals one of `rows`' keys (what a backend reads for `rowsToInsert`). */
export function keysPredicate(table: TableSnapshot, rows: readonly Record<string, DataValue>[]): Predicate {
  return {
    kind: 'or',
    items: rows.map((row) => ({
      kind: 'and' as const,
      items: table.primaryKey.map((k) => ({ kind: 'compare' as const, column: k, operator: 'eq' as const, value: row[k] ?? null })),
    })),
  };
}
