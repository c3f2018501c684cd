import type { DataChange } from '../operation/operations.js';

/**
 * `describeDataChange` is the one line a dry run prints for a data step on every backend (the
 * rows are only known when it runs): what it writes, where, and in which batches.
 */
export function describeDataChange(change: DataChange): string {
  const json = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  switch (change.kind) {
    case 'insert': return `insert ${change.rows.length} row(s) into ${change.table}`;
    case 'update': return `update ${change.table} set ${json(change.set)} where ${json(change.where)}`;
    case 'backfill': {
      const values = typeof change.values === 'function' ? 'values computed from each row' : json(change.values);
      return `backfill ${change.table} with ${values} where ${json(change.where)}, ${change.batchSize} rows per batch${change.pauseMs > 0 ? `, ${change.pauseMs} ms apart` : ''}`;
    }
  }
}
