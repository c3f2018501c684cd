import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { quoteIdentifier as q, textForm } from '@tidemark/sql/postgres';
import { alteredColumn } from './altered-column.js';
import { failIfAny } from './sample.js';

/** `checkStringLength` refuses a change to `string(n)` while values, as text, are longer than n characters. */
export async function checkStringLength(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'string' || a.to.length === undefined) return;
  if (a.from.type === 'string' && a.from.length !== undefined && a.from.length <= a.to.length) return;
  await failIfAny(executor, a.table, `${q(a.from.name)} IS NOT NULL AND char_length(${textForm(a.from)}) > ${a.to.length}`, [a.from.name],
    'string length', a.target, `shorten the values to ${a.to.length} characters first, or keep the column longer`);
}
