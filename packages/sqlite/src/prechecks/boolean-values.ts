import type { SchemaOperation, SchemaSnapshot } from '@tidemark/core';
import { sqlite } from '@tidemark/sql';
import type { SqliteExecutor } from '../executor.js';
import { alteredColumn, NUMBER_TYPES } from './altered-column.js';
import { failIfAny } from './sample.js';

/** The spellings the conversion to boolean understands (see convert-column.ts in @tidemark/sql). */
const SPELLINGS = ['1', 'true', 't', 'yes', '0', 'false', 'f', 'no'];

/**
 * `checkBooleanValues` refuses turning a text-like column into a boolean while rows hold a
 * value that is not one of the usual spellings of true and false (numbers convert as
 * non-zero → true, so they always fit).
 */
export function checkBooleanValues(executor: SqliteExecutor, operation: SchemaOperation, before: SchemaSnapshot): void {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'boolean' || NUMBER_TYPES.includes(a.from.type)) return;
  const c = sqlite.quoteIdentifier(a.from.name);
  failIfAny(executor, a.table, `${c} IS NOT NULL AND lower(${c}) NOT IN (${SPELLINGS.map((v) => sqlite.renderLiteral(v)).join(', ')})`, [a.from.name],
    'boolean values', a.target, `change those rows to true/false (or 1/0) first, e.g. db.execute("UPDATE … SET … = '1' WHERE …")`);
}
