import { valueType } from '@tidemark/core';
import type { ColumnSnapshot, PortableType, TableSnapshot } from '@tidemark/core';
import { FALSE_SPELLINGS, TRUE_SPELLINGS } from '../../boolean-spellings.js';
import { NUMBER_TYPES } from './convert-column.js';
import { checkIndexable, needsPrefix, renderIndexClause } from './index-columns.js';
import { quoteIdentifier, renderLiteral } from './quote.js';
import { renderColumnDefinition } from './render-column.js';
import { checkTable } from './render-create-table.js';

/** Types holding character strings that an UPDATE can rewrite in place. */
const CHARACTER: readonly PortableType[] = ['string', 'text', 'uuid'];


const isNumber = (t: PortableType): boolean => NUMBER_TYPES.includes(t);
const inList = (values: readonly string[]): string => values.map((v) => renderLiteral(v)).join(', ');

/**
 * Whether the conversion must pass through VARCHAR(255) first, because MySQL's own conversion
 * would give another value than the portable meaning: an ENUM converts to and from numbers by
 * its position (ENUM('x','y') 'y' becomes 2, and 1 becomes 'x'), JSON does not convert to
 * numbers, dates or enums on every server, and the spellings of true and false must be text
 * for the UPDATE that normalises them.
 */
function needsStaging(from: PortableType, to: PortableType): boolean {
  if (from === 'enum' && isNumber(to)) return true;
  if (to === 'enum' && isNumber(from)) return true;
  if (from === 'json' && to !== 'json' && to !== 'text' && !CHARACTER.includes(to)) return true;
  return to === 'boolean' && !isNumber(from) && !CHARACTER.includes(from);
}

/** The column as it is between the two steps of a staged conversion. */
function stagingColumn(from: ColumnSnapshot): ColumnSnapshot {
  return { name: from.name, type: 'string', nullable: from.nullable, length: 255 };
}

const withColumn = (table: TableSnapshot, column: ColumnSnapshot): TableSnapshot =>
  ({ ...table, columns: table.columns.map((c) => (c.name === column.name ? column : c)) });

/**
 * The clauses that rebuild the indexes over the column whose prefix length changes with its
 * type (a TEXT or BLOB column is indexed through a prefix, other types whole): MySQL refuses the
 * MODIFY otherwise. They go into the same ALTER TABLE, so the change stays one statement.
 */
function reindex(table: TableSnapshot, previous: ColumnSnapshot, next: ColumnSnapshot): string[] {
  if (needsPrefix(valueType(previous)) === needsPrefix(valueType(next))) return [];
  const view = withColumn(table, next);
  return table.indexes.filter((i) => i.columns.includes(next.name))
    .flatMap((i) => [`DROP INDEX ${quoteIdentifier(i.name)}`, `ADD ${renderIndexClause(view, i)}`]);
}

/**
 * `renderAlterColumn` returns the statements that change `from` into `to` in `table` (the table
 * before the change): one `ALTER TABLE … MODIFY COLUMN` (with its indexes rebuilt when their
 * prefix changes) wherever MySQL's own conversion keeps the values' meaning, and otherwise a
 * short, fixed sequence whose every step the prechecks have made safe:
 * - to boolean: numbers become 1/0 (non-zero is true) and the spellings of true/false ('yes',
 *   'f', …) become '1'/'0' by an UPDATE before the MODIFY;
 * - from boolean to text: 1/0 become 'true'/'false' by an UPDATE after it (as on SQLite);
 * - between enum and numbers (and out of json): through VARCHAR(255) first (see needsStaging).
 * @example renderAlterColumn(users, age, { ...age, type: 'i64' })
 * // ['ALTER TABLE `users` MODIFY COLUMN `age` BIGINT NULL']
 */
export function renderAlterColumn(table: TableSnapshot, from: ColumnSnapshot, to: ColumnSnapshot): string[] {
  const after = withColumn(table, to);
  checkTable(after);
  for (const index of after.indexes) if (index.columns.includes(to.name)) checkIndexable(after, index);

  const t = quoteIdentifier(table.name);
  const c = quoteIdentifier(to.name);
  const modify = (column: ColumnSnapshot, clauses: string[]): string =>
    `ALTER TABLE ${t} MODIFY COLUMN ${[renderColumnDefinition(column), ...clauses].join(', ')}`;
  const statements: string[] = [];
  let current = from;
  const staged = from.type !== to.type && needsStaging(valueType(from), valueType(to));
  if (staged) {
    const staging = stagingColumn(from);
    statements.push(modify(staging, reindex(table, current, staging)));
    current = staging;
  }
  if (to.type === 'boolean' && from.type !== 'boolean') {
    statements.push(isNumber(valueType(from))
      ? `UPDATE ${t} SET ${c} = CASE WHEN ${c} <> 0 THEN 1 ELSE 0 END WHERE ${c} NOT IN (0, 1)`
      : `UPDATE ${t} SET ${c} = CASE WHEN LOWER(${c}) IN (${inList(TRUE_SPELLINGS)}) THEN '1' ELSE '0' END `
        + `WHERE LOWER(${c}) IN (${inList([...TRUE_SPELLINGS, ...FALSE_SPELLINGS])})`);
  }
  const toWords = from.type === 'boolean' && (CHARACTER.includes(valueType(to)) || to.type === 'json' || to.type === 'enum');
  const words = `UPDATE ${t} SET ${c} = CASE CAST(${c} AS CHAR) WHEN '1' THEN 'true' ELSE 'false' END WHERE CAST(${c} AS CHAR) IN ('0', '1')`;
  if (toWords && staged) statements.push(words);
  statements.push(modify(to, reindex(table, current, to)));
  if (toWords && !staged) statements.push(words);
  return statements;
}
