import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { alteredColumn } from './altered-column.js';
import { failIfAny } from './sample.js';

/**
 * `checkStringLength` refuses a change to `string(n)` while values are longer than n characters.
 * SQLite does not enforce VARCHAR(n) (https://www.sqlite.org/datatype3.html), but other backends
 * and the model do, so the length is a promise Tidemark keeps.
 */
export function checkStringLength(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'string' || a.to.length === undefined) return;
  if (a.from.type === 'string' && a.from.length !== undefined && a.from.length <= a.to.length) return;
  const c = sqlite.quoteIdentifier(a.from.name);
  failIfAny(executor, a.table, `${c} IS NOT NULL AND length(CAST(${c} AS TEXT)) > ${a.to.length}`, [a.from.name], 'string length', a.target,
    `shorten the values to ${a.to.length} characters first, or keep the column longer`);
}
