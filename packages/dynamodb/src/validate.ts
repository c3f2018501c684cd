import { findColumn, unsupportedOperation, utf8Length, type IndexSnapshot, type TableSnapshot } from '@tidemark/core';
import { keyAttributeType } from './attribute-types.js';
import { capabilities, OBJECT_NAME_PATTERN } from './capabilities.js';

const NAME = new RegExp(OBJECT_NAME_PATTERN);
/** Key attribute names, of the table and of its indexes, are at most 255 bytes. */
const MAX_KEY_NAME_BYTES = 255;

/** `checkObjectName` refuses a table or index name DynamoDB cannot hold. */
export function checkObjectName(kind: 'table' | 'index', name: string): void {
  if (!NAME.test(name)) {
    throw unsupportedOperation('dynamodb', `name a ${kind} ${JSON.stringify(name)}: ${kind} names are 3 to 255 characters of A-Z, a-z, 0-9, _, - and .`,
      kind === 'table' ? 'rename the table (@Model({ table: "…" })) to fit' : 'give the index a name that fits (@Index([...], { name: "…" }))');
  }
}

/** `checkKeyColumns` refuses a key DynamoDB cannot have: none, more than two columns, or a column type that is not S, N or B. */
export function checkKeyColumns(table: TableSnapshot): void {
  const key = table.primaryKey;
  if (key.length === 0) {
    throw unsupportedOperation('dynamodb', `create table ${table.name} without a key`, 'mark one property (the partition key) or two (partition and sort key) with @Key()');
  }
  if (key.length > capabilities.maxKeyColumns) {
    throw unsupportedOperation('dynamodb', `use a key of ${key.length} columns (${key.join(', ')}) on ${table.name}: DynamoDB keys have at most 2 (partition, sort)`,
      'give the model at most two @Key() properties, or one key built from the others (e.g. a string "a#b")');
  }
  checkKeyTypes(table, key, `the key of ${table.name}`);
}

function checkKeyTypes(table: TableSnapshot, columns: readonly string[], what: string): void {
  for (const name of columns) {
    const column = findColumn(table, name);
    if (!column) continue; // the reducer reports a missing column
    if (!keyAttributeType(column.type)) {
      throw unsupportedOperation('dynamodb', `use ${table.name}.${name} (${column.type}) in ${what}: DynamoDB keys are strings, numbers or bytes (S, N, B)`,
        `index or key a column of another type (a ${column.type === 'boolean' ? 'string or a number (0/1)' : 'string'} instead of ${column.type})`);
    }
    if (utf8Length(name) > MAX_KEY_NAME_BYTES) {
      throw unsupportedOperation('dynamodb', `use ${table.name}.${name} in ${what}: key attribute names are at most 255 bytes`, 'give the column a shorter name');
    }
  }
}

/** `checkIndex` refuses an index DynamoDB cannot build: a bad name, more than two columns, a type it cannot index, a database-enforced unique index. */
export function checkIndex(table: TableSnapshot, index: IndexSnapshot): void {
  checkObjectName('index', index.name);
  if (index.columns.length === 0 || index.columns.length > capabilities.maxIndexColumns) {
    throw unsupportedOperation('dynamodb', `build index ${index.name} on ${table.name} over ${index.columns.length} columns: a global secondary index has 1 or 2 (partition, sort)`,
      'index one or two properties');
  }
  if (index.unique && !index.applicationEnforced) {
    throw unsupportedOperation('dynamodb', `enforce the unique index ${index.name} on ${table.name} (DynamoDB has no unique constraints)`,
      "mark it @Unique({ enforced: 'application' }) (or `applicationEnforced: true` in the migration) and keep it unique in your code");
  }
  checkKeyTypes(table, index.columns, `index ${index.name}`);
}

/** `checkTable` refuses a whole table DynamoDB cannot hold (name, key, indexes, auto-increment columns). */
export function checkTable(table: TableSnapshot): void {
  checkObjectName('table', table.name);
  checkKeyColumns(table);
  if (table.indexes.length > capabilities.maxIndexesPerTable) {
    throw unsupportedOperation('dynamodb', `create ${table.indexes.length} indexes on ${table.name} (at most ${capabilities.maxIndexesPerTable} global secondary indexes)`, 'drop some indexes from the model');
  }
  for (const index of table.indexes) checkIndex(table, index);
  const auto = table.columns.find((c) => c.autoIncrement);
  if (auto) {
    throw unsupportedOperation('dynamodb', `generate values for the auto-increment column ${table.name}.${auto.name} (DynamoDB has no sequences)`,
      'drop @Auto() and give the key a value in the application, for example a Uuid');
  }
}
