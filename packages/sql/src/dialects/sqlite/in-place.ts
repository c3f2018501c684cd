import { assertNever, findTable, isDefaultNow, type AddColumn, type ColumnSnapshot, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';

/**
 * `canAddColumnInPlace` tells whether ALTER TABLE ADD COLUMN can add `column` with the rows it
 * needs. SQLite refuses a PRIMARY KEY column, a CURRENT_TIMESTAMP-like default and a NOT NULL
 * column without a default (https://www.sqlite.org/lang_altertable.html#altertabaddcol); a
 * NOT NULL column with only a back-fill value needs the rebuild, since the back-fill must not
 * stay behind as a default.
 */
export function canAddColumnInPlace(operation: AddColumn): boolean {
  const c: ColumnSnapshot = operation.column;
  if (c.autoIncrement || isDefaultNow(c.default)) return false;
  return c.nullable || c.default !== undefined;
}

/**
 * `canDropColumnInPlace` tells whether ALTER TABLE DROP COLUMN can drop the column: SQLite
 * refuses a key column, an indexed one, or one a foreign key uses or points at
 * (https://www.sqlite.org/lang_altertable.html#altertabdropcol). A column's own CHECK is fine.
 */
export function canDropColumnInPlace(before: SchemaSnapshot, table: string, column: string): boolean {
  const t = findTable(before, table);
  if (!t) return true;
  if (t.primaryKey.includes(column)) return false;
  if (t.indexes.some((i) => i.columns.includes(column))) return false;
  if (t.foreignKeys.some((f) => f.columns.includes(column))) return false;
  return !before.tables.some((o) => o.foreignKeys.some((f) => f.referencedTable === table && f.referencedColumns.includes(column)));
}

/**
 * `requiresRebuild` tells whether SQLite applies `operation` by recreating its table (see
 * `rebuildTable`), which must run with foreign keys switched off.
 */
export function requiresRebuild(operation: SchemaOperation, before: SchemaSnapshot): boolean {
  switch (operation.kind) {
    case 'createTable': case 'dropTable': case 'renameTable': case 'renameColumn': case 'createIndex': case 'dropIndex':
      return false;
    case 'addColumn':
      return !canAddColumnInPlace(operation);
    case 'dropColumn':
      return !canDropColumnInPlace(before, operation.table, operation.column);
    case 'alterColumn': case 'alterPrimaryKey': case 'addForeignKey': case 'dropForeignKey': case 'addCheck': case 'dropCheck':
      return true;
    default:
      return assertNever(operation);
  }
}
