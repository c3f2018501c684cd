import {
  describeDataChange, isDataChange,
  applyOperation, assertNever, findColumn, internalError, unsupportedOperation,
  type Operation, type SchemaSnapshot, type TableSnapshot,
} from '@tidemark/core';
import { tableIn } from '../table-in.js';
import { renderCheck } from '../check-constraint.js';
import { enumCheckName, primaryKeyName } from './constraint-names.js';
import { quoteIdentifier } from './quote.js';
import { renderAlterColumn } from './render-alter-column.js';
import { hasEnumCheck, renderColumnDefinition, renderDefault, renderEnumCheck } from './render-column.js';
import { renderCreateIndex, renderCreateTable, renderForeignKey, renderPrimaryKey } from './render-create-table.js';
import { shortenOperation, shortenSnapshot } from './shorten.js';


/** The constraints whose names derive from the table's name, renamed with it (see names.ts). */
function renameDerivedNames(table: TableSnapshot, to: string): string[] {
  const pairs: [string, string][] = [];
  if (table.primaryKey.length > 0) pairs.push([primaryKeyName(table.name), primaryKeyName(to)]);
  for (const c of table.columns) if (hasEnumCheck(c)) pairs.push([enumCheckName(table.name, c.name), enumCheckName(to, c.name)]);
  return pairs.filter(([a, b]) => a !== b)
    .map(([a, b]) => `ALTER TABLE ${quoteIdentifier(to)} RENAME CONSTRAINT ${quoteIdentifier(a)} TO ${quoteIdentifier(b)}`);
}

/**
 * `renderOperation` returns the exact PostgreSQL statements that apply `operation` to a database
 * whose schema is `before`; `--dry-run` prints them. Every name goes through `shortenOperation`
 * first, so statements, introspection and later steps agree on names over 63 bytes. It throws
 * TM_MIGRATION_INVALID when the operation does not fit `before`.
 * @example renderOperation(op.createIndex('users', { name: 'idx_users_email', columns: ['email'] }), before)
 * // ['CREATE INDEX "idx_users_email" ON "users" ("email")']
 */
export function renderOperation(operation: Operation, beforeAsWritten: SchemaSnapshot): string[] {
  // the rows of a data step are only known when it runs: a dry run shows what it will do
  if (isDataChange(operation)) return [`-- ${describeDataChange(operation)}`];
  if (operation.kind === 'execute') {
    if (typeof operation.statement === 'string') return [operation.statement];
    throw unsupportedOperation('postgres', 'run a non-SQL native statement', 'pass SQL text to db.execute() on PostgreSQL');
  }
  const o = shortenOperation(operation);
  const before = shortenSnapshot(beforeAsWritten);
  // The reducer refuses a step that does not fit `before` (a missing table, a used column).
  applyOperation(before, o);
  const q = quoteIdentifier;
  switch (o.kind) {
    case 'createTable':
      return [renderCreateTable(o.table), ...o.table.indexes.map((i) => renderCreateIndex(o.table.name, i))];
    case 'dropTable':
      return [`DROP TABLE ${q(o.table)}`];
    case 'renameTable':
      return [`ALTER TABLE ${q(o.from)} RENAME TO ${q(o.to)}`, ...renameDerivedNames(tableIn(before, o.from), o.to)];
    case 'addColumn': {
      const { column, backfill } = o;
      const t = `ALTER TABLE ${q(o.table)}`;
      // The back-fill is the column's default for the one statement that fills existing rows
      // (no table rewrite for a constant, PostgreSQL 11+), then the real default takes its place.
      const fill = backfill !== undefined && !column.autoIncrement;
      const out = [`${t} ADD COLUMN ${renderColumnDefinition(column, fill ? backfill : undefined)}`];
      if (fill) {
        out.push(column.default === undefined
          ? `${t} ALTER COLUMN ${q(column.name)} DROP DEFAULT`
          : `${t} ALTER COLUMN ${q(column.name)} SET DEFAULT ${renderDefault(column, column.default)}`);
      }
      if (hasEnumCheck(column)) out.push(`${t} ADD ${renderEnumCheck(o.table, column)}`);
      return out;
    }
    case 'dropColumn':
      // its enum CHECK goes with it
      return [`ALTER TABLE ${q(o.table)} DROP COLUMN ${q(o.column)}`];
    case 'alterColumn': {
      const from = findColumn(tableIn(before, o.table), o.column);
      if (!from) throw internalError(`column ${o.table}.${o.column} vanished while rendering`);
      return renderAlterColumn(o.table, from, o.to);
    }
    case 'renameColumn': {
      const out = [`ALTER TABLE ${q(o.table)} RENAME COLUMN ${q(o.from)} TO ${q(o.to)}`];
      const column = findColumn(tableIn(before, o.table), o.from);
      const [oldCheck, newCheck] = [enumCheckName(o.table, o.from), enumCheckName(o.table, o.to)];
      if (column && hasEnumCheck(column) && oldCheck !== newCheck) {
        out.push(`ALTER TABLE ${q(o.table)} RENAME CONSTRAINT ${q(oldCheck)} TO ${q(newCheck)}`);
      }
      return out;
    }
    case 'alterPrimaryKey': {
      const t = tableIn(before, o.table);
      const out: string[] = [];
      if (t.primaryKey.length > 0) out.push(`ALTER TABLE ${q(o.table)} DROP CONSTRAINT ${q(primaryKeyName(o.table))}`);
      if (o.columns.length > 0) out.push(`ALTER TABLE ${q(o.table)} ADD ${renderPrimaryKey(o.table, o.columns)}`);
      return out;
    }
    case 'createIndex':
      return [renderCreateIndex(o.table, o.index, o.concurrently === true)];
    case 'dropIndex':
      return [`DROP INDEX ${q(o.index)}`];
    case 'addForeignKey':
      return [`ALTER TABLE ${q(o.table)} ADD ${renderForeignKey(o.foreignKey)}`];
    case 'dropForeignKey':
      return [`ALTER TABLE ${q(o.table)} DROP CONSTRAINT ${q(o.foreignKey)}`];
    case 'addCheck':
      return [`ALTER TABLE ${q(o.table)} ADD ${renderCheck(o.check, q)}`];
    case 'dropCheck':
      return [`ALTER TABLE ${q(o.table)} DROP CONSTRAINT ${q(o.check)}`];
    default:
      return assertNever(o);
  }
}
