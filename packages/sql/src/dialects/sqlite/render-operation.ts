import {
  describeDataChange, isDataChange,
  applyOperation, assertNever, findColumn, internalError, unsupportedOperation,
  type Operation, type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import { tableIn } from '../table-in.js';
import { convertColumn } from './convert-column.js';
import { canAddColumnInPlace, canDropColumnInPlace } from './in-place.js';
import { quoteIdentifier } from './quote.js';
import { rebuildTable, sameNameSources } from './rebuild-table.js';
import { renderColumnDefinition, renderValue } from './render-column.js';
import { renderCreateIndex, renderCreateTable } from './render-create-table.js';


function rebuild(operation: SchemaOperation & { table: string }, before: SchemaSnapshot, after: SchemaSnapshot,
  override?: (sources: Map<string, string>) => void): string[] {
  const b = tableIn(before, operation.table);
  const a = tableIn(after, operation.table);
  const sources = sameNameSources(b, a);
  override?.(sources);
  return rebuildTable({ before: b, after: a, sources });
}

/**
 * `renderOperation` returns the exact SQLite statements that apply `operation` to a database
 * whose schema is `before`; `--dry-run` prints them. It throws TM_MIGRATION_INVALID when the
 * operation does not fit `before` and TM_UNSUPPORTED_OPERATION when SQLite cannot express it.
 * @example renderOperation(op.createIndex('users', { name: 'idx_users_email', columns: ['email'] }), before)
 * // ['CREATE INDEX "idx_users_email" ON "users" ("email")']
 */
export function renderOperation(operation: Operation, before: SchemaSnapshot): string[] {
  // the rows of a data step are only known when it runs: a dry run shows what it will do
  if (isDataChange(operation)) return [`-- ${describeDataChange(operation)}`];
  if (operation.kind === 'execute') {
    if (typeof operation.statement === 'string') return [operation.statement];
    throw unsupportedOperation('sqlite', 'run a non-SQL native statement', 'pass SQL text to db.execute() on SQLite');
  }
  // The reducer validates the step against `before` and gives the table definitions a rebuild needs.
  const after = applyOperation(before, operation);
  const q = quoteIdentifier;
  switch (operation.kind) {
    case 'createTable': {
      const t = operation.table;
      return [renderCreateTable(t), ...t.indexes.map((i) => renderCreateIndex(t.name, i))];
    }
    case 'dropTable':
      return [`DROP TABLE ${q(operation.table)}`];
    case 'renameTable':
      // Since SQLite 3.26 this also rewrites the REFERENCES clauses of other tables.
      return [`ALTER TABLE ${q(operation.from)} RENAME TO ${q(operation.to)}`];
    case 'addColumn': {
      const { column, backfill } = operation;
      if (canAddColumnInPlace(operation)) {
        const add = `ALTER TABLE ${q(operation.table)} ADD COLUMN ${renderColumnDefinition(column)}`;
        return backfill === undefined ? [add] : [add, `UPDATE ${q(operation.table)} SET ${q(column.name)} = ${renderValue(column, backfill)}`];
      }
      return rebuild(operation, before, after, (s) => {
        if (backfill !== undefined) s.set(column.name, renderValue(column, backfill));
      });
    }
    case 'dropColumn':
      if (canDropColumnInPlace(before, operation.table, operation.column)) {
        return [`ALTER TABLE ${q(operation.table)} DROP COLUMN ${q(operation.column)}`];
      }
      return rebuild(operation, before, after);
    case 'alterColumn': {
      const from = findColumn(tableIn(before, operation.table), operation.column);
      if (!from) throw internalError(`column ${operation.table}.${operation.column} vanished while rendering`);
      return rebuild(operation, before, after, (s) => s.set(operation.column, convertColumn(from, operation.to)));
    }
    case 'renameColumn':
      return [`ALTER TABLE ${q(operation.table)} RENAME COLUMN ${q(operation.from)} TO ${q(operation.to)}`];
    case 'createIndex':
      return [renderCreateIndex(operation.table, operation.index)];
    case 'dropIndex':
      return [`DROP INDEX ${q(operation.index)}`];
    case 'alterPrimaryKey': case 'addForeignKey': case 'dropForeignKey': case 'addCheck': case 'dropCheck':
      // SQLite cannot add or drop a table constraint in place
      return rebuild(operation, before, after);
    default:
      return assertNever(operation);
  }
}
