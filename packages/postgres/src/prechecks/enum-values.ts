import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { quoteIdentifier as q, renderLiteral, textForm } from '@tidemark/sql/postgres';
import { alteredColumn } from './altered-column.js';
import { failIfAny } from './sample.js';

/** `checkEnumValues` refuses a change to an enum while rows hold a value it does not allow. */
export async function checkEnumValues(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'enum') return;
  const allowed = a.to.values ?? [];
  if (a.from.type === 'enum' && (a.from.values ?? []).every((v) => allowed.includes(v))) return;
  const c = q(a.from.name);
  const outside = allowed.length === 0 ? 'true' : `${textForm(a.from)} NOT IN (${allowed.map((v) => renderLiteral(v)).join(', ')})`;
  await failIfAny(executor, a.table, `${c} IS NOT NULL AND ${outside}`, [a.from.name], 'enum values', a.target,
    `change those rows to one of ${allowed.join(', ') || '(no values)'} first, or keep the removed values`);
}
