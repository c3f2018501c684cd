import {
  describeDataChange, isDataChange,
  applyOperation, assertNever, findColumn, findTable, internalError, unsupportedOperation,
  type Operation, type SchemaSnapshot,
} from '@tidemark/core';
import { tableIn } from '../table-in.js';
import { renderCheck } from '../check-constraint.js';
import { renderAlterColumn } from './render-alter-column.js';
import { helperIndexClauses } from './foreign-key-index.js';
import { renderIndexClause } from './index-columns.js';
import { quoteIdentifier } from './quote.js';
import { shortenOperation, shortenSnapshot } from './shorten.js';
import { renderColumnDefinition } from './render-column.js';
import { checkTable, renderCreateTable, renderForeignKey } from './render-create-table.js';


/** One ALTER TABLE with its clauses, the helper index changes included (see foreign-key-index.ts). */
function alterTable(table: string, before: SchemaSnapshot, after: SchemaSnapshot, clauses: readonly string[]): string {
  const helpers = helperIndexClauses(findTable(before, table), findTable(after, table));
  // helper indexes are added before the constraints that need them and dropped after those that did
  return `ALTER TABLE ${quoteIdentifier(table)} ${[...helpers.add, ...clauses, ...helpers.drop].join(', ')}`;
}

/**
 * `renderOperation` returns the exact MySQL statements that apply `operation` to a database
 * whose schema is `before`; `--dry-run` prints them. Names are shortened to MySQL's 64
 * characters first (the live schema is in those names). MySQL commits every DDL statement on its
 * own, so each operation is one statement wherever MySQL allows it (one ALTER TABLE with several
 * clauses); the few that need more are listed in `renderAlterColumn` and `addColumn` below.
 * It throws TM_MIGRATION_INVALID when the operation does not fit `before` and
 * TM_UNSUPPORTED_OPERATION when MySQL cannot express it, before anything runs.
 * @example renderOperation(op.createIndex('users', { name: 'idx_users_email', columns: ['email'] }), before)
 * // ['ALTER TABLE `users` ADD INDEX `idx_users_email` (`email`)']
 */
export function renderOperation(operation: Operation, beforeSnapshot: SchemaSnapshot): string[] {
  // the rows of a data step are only known when it runs: a dry run shows what it will do
  if (isDataChange(operation)) return [`-- ${describeDataChange(operation)}`];
  if (operation.kind === 'execute') {
    if (typeof operation.statement === 'string') return [operation.statement];
    throw unsupportedOperation('mysql', 'run a non-SQL native statement', 'pass SQL text to db.execute() on MySQL');
  }
  const o = shortenOperation(operation);
  const before = shortenSnapshot(beforeSnapshot);
  // The reducer validates the step against `before` and gives the table as it will be.
  const after = applyOperation(before, o);
  const q = quoteIdentifier;
  switch (o.kind) {
    case 'createTable':
      return [renderCreateTable(tableIn(after, o.table.name))];
    case 'dropTable':
      return [`DROP TABLE ${q(o.table)}`];
    case 'renameTable':
      // InnoDB rewrites the foreign keys of other tables that point at the renamed one.
      return [`ALTER TABLE ${q(o.from)} RENAME TO ${q(o.to)}`];
    case 'addColumn': {
      checkTable(tableIn(after, o.table));
      const { column, backfill } = o;
      if (backfill === undefined) return [alterTable(o.table, before, after, [`ADD COLUMN ${renderColumnDefinition(column)}`])];
      // Existing rows get the back-fill through a temporary DEFAULT (MySQL fills a new column with
      // its default), which the second statement takes back: the back-fill is not the model's default.
      // (A DROP DEFAULT in the same ALTER would apply first and fill the rows with 0 or '').
      const restore = column.default === undefined
        ? `ALTER TABLE ${q(o.table)} ALTER COLUMN ${q(column.name)} DROP DEFAULT`
        : `ALTER TABLE ${q(o.table)} MODIFY COLUMN ${renderColumnDefinition(column)}`;
      return [alterTable(o.table, before, after, [`ADD COLUMN ${renderColumnDefinition(column, backfill)}`]), restore];
    }
    case 'dropColumn':
      return [alterTable(o.table, before, after, [`DROP COLUMN ${q(o.column)}`])];
    case 'alterColumn': {
      const table = tableIn(before, o.table);
      const from = findColumn(table, o.column);
      if (!from) throw internalError(`column ${o.table}.${o.column} vanished while rendering`);
      return renderAlterColumn(table, from, o.to);
    }
    case 'renameColumn': {
      // MySQL 8.0+ and MariaDB 10.5+; indexes and foreign keys on both sides follow the new name.
      const column = findColumn(tableIn(before, o.table), o.from);
      if (column?.type === 'json') {
        // MariaDB's JSON is LONGTEXT with a CHECK (json_valid(`c`)); RENAME COLUMN must rewrite
        // that check and, under concurrent DDL, sometimes fails with "Unknown column 'c' in
        // 'CHECK'" (seen on 10.11). CHANGE COLUMN redefines the column, check included.
        return [`ALTER TABLE ${q(o.table)} CHANGE COLUMN ${q(o.from)} ${renderColumnDefinition({ ...column, name: o.to })}`];
      }
      return [`ALTER TABLE ${q(o.table)} RENAME COLUMN ${q(o.from)} TO ${q(o.to)}`];
    }
    case 'alterPrimaryKey': {
      const table = tableIn(after, o.table);
      checkTable(table);
      const clauses = [
        ...(tableIn(before, o.table).primaryKey.length > 0 ? ['DROP PRIMARY KEY'] : []),
        ...(o.columns.length > 0 ? [`ADD PRIMARY KEY (${o.columns.map(q).join(', ')})`] : []),
      ];
      return clauses.length === 0 ? [] : [alterTable(o.table, before, after, clauses)];
    }
    case 'createIndex':
      return [alterTable(o.table, before, after, [`ADD ${renderIndexClause(tableIn(after, o.table), o.index)}`])];
    case 'dropIndex':
      return [alterTable(o.table, before, after, [`DROP INDEX ${q(o.index)}`])];
    case 'addForeignKey':
      checkTable(tableIn(after, o.table));
      return [alterTable(o.table, before, after, [`ADD ${renderForeignKey(o.foreignKey)}`])];
    case 'dropForeignKey':
      return [alterTable(o.table, before, after, [`DROP FOREIGN KEY ${q(o.foreignKey)}`])];
    case 'addCheck':
      return [`ALTER TABLE ${q(o.table)} ADD ${renderCheck(o.check, q)}`];
    case 'dropCheck':
      // DROP CONSTRAINT: MariaDB 10.2+, MySQL 8.0.19+
      return [`ALTER TABLE ${q(o.table)} DROP CONSTRAINT ${q(o.check)}`];
    default:
      return assertNever(o);
  }
}
