import { findColumn, findTable, unsupportedOperation, type AlterColumn, type SchemaSnapshot, valueType } from '@tidemark/core';
import { keyAttributeType } from '../attribute-types.js';
import { needsValueCheck } from '../values/convert-value.js';
import { aroundIndexes } from './index-rebuild.js';
import type { Step } from './step.js';

/**
 * `planAlterColumn` changes a column's type, nullability, default, length, precision or values.
 * Defaults and nullability-to-NULL are metadata only. To NOT NULL: every item must already hold
 * a value (checked, with counts). A change that can alter or reject values (a narrowing, a new
 * type) first checks that every value converts (`convertValue`), then rewrites each changed item
 * conditionally on its old value; one that cannot (i32 → i64, a longer string) is metadata only.
 * An index over the column whose key type changes (N ↔ S ↔ B) is deleted before the rewrite and
 * re-created after; a key column can change only within its DynamoDB type, and never its values.
 */
export function planAlterColumn(operation: AlterColumn, before: SchemaSnapshot, after: SchemaSnapshot): Step[] {
  const table = findTable(before, operation.table)!;
  const from = findColumn(table, operation.column)!;
  const to = operation.to;
  const isKey = table.primaryKey.includes(from.name);
  const indexes = table.indexes.filter((i) => i.columns.includes(from.name));
  const where = `${table.name}.${from.name}`;
  const typeChanges = keyAttributeType(valueType(from)) !== keyAttributeType(valueType(to));
  if (isKey && typeChanges) {
    throw unsupportedOperation('dynamodb', `change the type of the key column ${where} from ${from.type} to ${to.type}: DynamoDB fixes a key attribute's type when the table is created`,
      'copy the items into a new table with the new key type by hand (db.createTable, db.execute, db.dropTable)');
  }
  const steps: Step[] = [];
  if (from.nullable && !to.nullable) steps.push({ kind: 'check', table, check: { kind: 'notNull', column: from.name } });
  if (!needsValueCheck(from, to)) return steps;
  const uniques = indexes.filter((i) => i.unique);
  steps.push({ kind: 'check', table, check: { kind: 'convert', from, to, indexed: isKey || indexes.length > 0, uniques } });
  // a key value can never change, and the check has made sure none would: nothing to rewrite
  if (isKey) return steps;
  const rebuilt = typeChanges ? indexes.map((i) => i.name) : [];
  return [...steps, ...aroundIndexes(table, after, table.name, rebuilt,
    [{ kind: 'rewrite', table: table.name, key: table.primaryKey, rewrite: { kind: 'convert', column: to } }])];
}
