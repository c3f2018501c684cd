import {
  findTable, TidemarkError, unsupportedOperation,
  type AddColumn, type DropColumn, type RenameColumn, type SchemaSnapshot,
} from '@tidemark/core';
import { toAttributeValue } from '../values/attribute-value.js';
import { aroundIndexes } from './index-rebuild.js';
import type { Step } from './step.js';

/**
 * `planAddColumn`: DynamoDB items have no columns, so a new column is metadata, plus a pass that
 * gives every existing item its value when there is one: the back-fill, else the default (SQL's
 * ADD COLUMN … DEFAULT fills existing rows too). Each item is updated only where it still lacks
 * the attribute, so a value a concurrent writer stored is kept. A NOT NULL column with neither is
 * refused (with the count) on a table that has items.
 */
export function planAddColumn(operation: AddColumn, before: SchemaSnapshot): Step[] {
  const table = findTable(before, operation.table)!;
  const column = operation.column;
  const value = operation.backfill ?? column.default;
  if (value === undefined) return column.nullable ? [] : [{ kind: 'check', table, check: { kind: 'noItems', column: column.name } }];
  try {
    toAttributeValue(value, column);
  } catch (err) {
    throw new TidemarkError('TM_MIGRATION_INVALID', {
      message: `addColumn ${table.name}.${column.name}: ${operation.backfill !== undefined ? 'the back-fill' : 'the default'} ${JSON.stringify(value)} is not a ${column.type} value (${(err as Error).message})`,
      hint: `give the column a ${column.type} value in the migration`,
      details: { table: table.name, column: column.name },
    });
  }
  return [{ kind: 'rewrite', table: table.name, key: table.primaryKey, rewrite: { kind: 'fill', column, value } }];
}

/** `planDropColumn`: removes the attribute from every item that has it (destructive: the values are gone). */
export function planDropColumn(operation: DropColumn, before: SchemaSnapshot): Step[] {
  const table = findTable(before, operation.table)!;
  return [{ kind: 'rewrite', table: table.name, key: table.primaryKey, rewrite: { kind: 'remove', column: operation.column } }];
}

/**
 * `planRenameColumn`: moves the value of every item from the old attribute to the new one
 * (SET new = old REMOVE old, only where old exists). An index over the column is deleted first
 * and re-created over the new name after (DynamoDB cannot change an index's key). A key column
 * cannot be renamed: the key schema is fixed (core's `checkCapabilities` refuses it, `alterPrimaryKey: false`).
 */
export function planRenameColumn(operation: RenameColumn, before: SchemaSnapshot, after: SchemaSnapshot): Step[] {
  const table = findTable(before, operation.table)!;
  if (operation.to === '') throw unsupportedOperation('dynamodb', `rename ${table.name}.${operation.from} to an empty name`, 'give the column a name');
  const indexes = table.indexes.filter((i) => i.columns.includes(operation.from)).map((i) => i.name);
  return aroundIndexes(table, after, table.name, indexes,
    [{ kind: 'rewrite', table: table.name, key: table.primaryKey, rewrite: { kind: 'rename', from: operation.from, to: operation.to } }]);
}
