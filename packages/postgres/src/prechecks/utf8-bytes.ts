import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { quoteIdentifier as q } from '@tidemark/sql/postgres';
import { alteredColumn } from './altered-column.js';
import { UTF8_HEX } from './conditions.js';
import { failIfAny } from './sample.js';

/**
 * `checkUtf8Bytes` refuses turning bytes into any other type while values are not UTF-8 text:
 * the conversion decodes them (`convert_from(…, 'UTF8')`), which would fail on them. Runs before
 * every check that reads bytes as text.
 */
export async function checkUtf8Bytes(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.from.type !== 'bytes' || a.to.type === 'bytes') return;
  const c = q(a.from.name);
  await failIfAny(executor, a.table, `${c} IS NOT NULL AND encode(${c}, 'hex') !~ ${UTF8_HEX}`, [a.from.name], 'utf8 text', a.target,
    'these bytes are not UTF-8 text; change or clear them first, or keep the column as bytes');
}
