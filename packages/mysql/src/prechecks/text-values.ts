import { DEFAULT_STRING_LENGTH, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { renderLiteral } from '@tidemark/sql/mysql';
import type { MysqlExecutor } from '../executor.js';
import { alteredColumn, BOOLEAN_SPELLINGS, NUMBER_TYPES, textOf } from './altered-column.js';
import { DATE_PATTERN } from './converted-value.js';
import { failIfAny } from './sample.js';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** `checkStringLength` refuses a change to `string(n)` while values (as text) are longer than n characters. */
export async function checkStringLength(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'string') return;
  const length = a.to.length ?? DEFAULT_STRING_LENGTH;
  if (a.from.type === 'string' && (a.from.length ?? DEFAULT_STRING_LENGTH) <= length) return;
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL AND CHAR_LENGTH(${textOf(a)}) > ${length}`, [a.from.name], 'string length', a.target,
    `shorten the values to ${length} characters first, or keep the column longer`);
}

/** `checkEnumValues` refuses a change to an enum while rows hold a value it does not allow. */
export async function checkEnumValues(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'enum') return;
  const allowed = a.to.values ?? [];
  if (a.from.type === 'enum' && (a.from.values ?? []).every((v) => allowed.includes(v))) return;
  const list = allowed.length > 0 ? allowed.map((v) => renderLiteral(v)).join(', ') : 'NULL';
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL AND ${textOf(a)} NOT IN (${list})`, [a.from.name], 'enum values', a.target,
    `change those rows to one of ${allowed.join(', ')} first, or keep the removed values`);
}

/** `checkBooleanValues` refuses turning text into a boolean while a value is not a usual spelling of true or false. */
export async function checkBooleanValues(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'boolean' || NUMBER_TYPES.includes(a.from.type)) return;
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL AND LOWER(${textOf(a)}) NOT IN (${BOOLEAN_SPELLINGS})`, [a.from.name],
    'boolean values', a.target, `change those rows to true/false (or 1/0) first, e.g. db.execute("UPDATE … SET … = '1' WHERE …")`);
}

/** `checkUuidValues` refuses a change to uuid (CHAR(36)) while a value is not a UUID. */
export async function checkUuidValues(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'uuid' || a.from.type === 'uuid') return;
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL AND ${textOf(a)} NOT REGEXP ${renderLiteral(UUID_PATTERN)}`, [a.from.name],
    'uuid values', a.target, 'change those rows to UUIDs (8-4-4-4-12 hex digits) first, or clear them');
}

/** `checkDateValues` refuses a change to date or timestamp while a value is not a date ('YYYY-MM-DD[ HH:MM[:SS[.fff]]]'). */
export async function checkDateValues(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || (a.to.type !== 'date' && a.to.type !== 'timestamp') || a.from.type === 'date' || a.from.type === 'timestamp') return;
  const text = textOf(a);
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL AND (${text} NOT REGEXP ${renderLiteral(DATE_PATTERN)} OR CAST(${text} AS DATETIME(3)) IS NULL)`,
    [a.from.name], 'date values', a.target, "change those rows to dates written 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' first, or clear them");
}

/** `checkJsonValues` refuses a change to json while a value is not valid JSON text. */
export async function checkJsonValues(executor: MysqlExecutor, operation: SchemaOperation, before: SchemaSnapshot): Promise<void> {
  const a = alteredColumn(operation, before);
  if (!a || a.to.type !== 'json' || a.from.type === 'json') return;
  await failIfAny(executor, a.table, `${a.sql} IS NOT NULL AND NOT JSON_VALID(${textOf(a)})`, [a.from.name], 'json values', a.target,
    'change those rows to valid JSON text first (a string needs its quotes: \'"text"\'), or clear them');
}
