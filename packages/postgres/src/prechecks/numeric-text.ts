import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import type { SqlExecutor } from '@tidemark/sql';
import { NUMBER_TYPES, quoteIdentifier as q, textForm } from '@tidemark/sql/postgres';
import { alteredColumn } from './altered-column.js';
import { NUMERIC_TEXT } from './conditions.js';
import { failIfAny } from './sample.js';

/**
 * `checkNumericText` refuses a change to a number type while values of another type (text, JSON,
 * a uuid…) do not read as finite numbers.
 */
export async function checkNumericText(executor: SqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || !NUMBER_TYPES.has(a.to.type) || NUMBER_TYPES.has(a.from.type) || a.from.type === 'boolean') return;
  await failIfAny(executor, a.table, `${q(a.from.name)} IS NOT NULL AND NOT (${textForm(a.from)} ~ ${NUMERIC_TEXT})`, [a.from.name],
    'numeric text', a.target, 'fix or clear the values that are not numbers first');
}
