import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { FALSE_SPELLINGS, NUMBER_TYPES, quoteIdentifier as q, renderLiteral, textForm, TRUE_SPELLINGS } from '@tidemark/sql/postgres';
import { alteredColumn } from './altered-column.js';
import { failIfAny } from './sample.js';

/**
 * `checkBooleanValues` refuses turning a column into a boolean while it holds a value that is not
 * one of the usual spellings of true and false (1/0, true/false, t/f, yes/no, any case); numbers
 * convert as non-zero → true, so they always fit.
 */
export async function checkBooleanValues(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'boolean' || a.from.type === 'boolean' || NUMBER_TYPES.has(a.from.type)) return;
  const spellings = [...TRUE_SPELLINGS, ...FALSE_SPELLINGS].map((v) => renderLiteral(v)).join(', ');
  await failIfAny(executor, a.table, `${q(a.from.name)} IS NOT NULL AND lower(${textForm(a.from)}) NOT IN (${spellings})`, [a.from.name],
    'boolean values', a.target, `change those rows to true/false (or 1/0) first, e.g. db.execute("UPDATE … SET … = 'true' WHERE …")`);
}
