import type { AttributeDefinition, CreateTableCommandInput, GlobalSecondaryIndex, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { findColumn, type IndexSnapshot, type TableSnapshot, valueType } from '@tidemark/core';
import { keyAttributeType } from './attribute-types.js';

/** `keySchema` is a key's columns as DynamoDB's KeySchema: the first the partition (HASH) key, the second the sort (RANGE) key. */
export function keySchema(columns: readonly string[]): KeySchemaElement[] {
  return columns.map((c, i) => ({ AttributeName: c, KeyType: i === 0 ? 'HASH' : 'RANGE' }));
}

/**
 * `attributeDefinitions` declares the key attributes of `columns` (table key and index keys) with
 * their S/N/B types, once each, sorted by name so the request text is the same every time.
 * `validateTable` has made sure each column exists and has an indexable type.
 */
export function attributeDefinitions(table: TableSnapshot, columns: readonly string[]): AttributeDefinition[] {
  return [...new Set(columns)].sort().map((name) => ({ AttributeName: name, AttributeType: keyAttributeType(valueType(findColumn(table, name)!))! }));
}

/** `globalSecondaryIndex` is an index as a global secondary index projecting every attribute, so a query by it sees whole items. */
export function globalSecondaryIndex(index: IndexSnapshot): GlobalSecondaryIndex {
  return { IndexName: index.name, KeySchema: keySchema(index.columns), Projection: { ProjectionType: 'ALL' } };
}

/**
 * `createTableInput` is the CreateTable request for a table: its key, every index as a global
 * secondary index created with it (allowed in CreateTable, unlike UpdateTable's one at a time),
 * and on-demand capacity, so nothing about throughput has to be guessed.
 */
export function createTableInput(table: TableSnapshot): CreateTableCommandInput {
  const indexColumns = table.indexes.flatMap((i) => i.columns);
  return {
    TableName: table.name,
    KeySchema: keySchema(table.primaryKey),
    AttributeDefinitions: attributeDefinitions(table, [...table.primaryKey, ...indexColumns]),
    BillingMode: 'PAY_PER_REQUEST',
    ...(table.indexes.length > 0 ? { GlobalSecondaryIndexes: [...table.indexes].sort((a, b) => (a.name < b.name ? -1 : 1)).map(globalSecondaryIndex) } : {}),
  };
}
