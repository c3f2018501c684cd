import type { AttributeDefinition, TableDescription } from '@aws-sdk/client-dynamodb';
import {
  normalizeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION,
  type ColumnSnapshot, type IndexSnapshot, type PortableType, type SchemaSnapshot, type TableSnapshot, valueType } from '@tidemark/core';
import { keyAttributeType } from './attribute-types.js';
import { describeTable } from './describe-table.js';
import type { DynamoGateway } from './gateway.js';
import { mapLimit } from './concurrency.js';
import { readTableMetadata } from './schema-store.js';
import { isTidemarkTable } from './tracking-tables.js';

/** `listTables` returns every table name of the account and region, page by page. */
export async function listTables(db: DynamoGateway, op = 'introspect'): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await db.send('ListTables', start ? { ExclusiveStartTableName: start } : {}, { op });
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names;
}

/** What a key attribute type reads as when the metadata does not say (or says something the table contradicts). */
const FALLBACK_TYPE: Record<string, PortableType> = { S: 'text', N: 'f64', B: 'bytes' };

function keyColumns(description: TableDescription, schema: TableDescription['KeySchema']): string[] {
  const order = (t: string | undefined): number => (t === 'HASH' ? 0 : 1);
  return [...(schema ?? [])].sort((a, b) => order(a.KeyType) - order(b.KeyType)).map((k) => k.AttributeName!);
}

/**
 * `mergeTable` builds a table's snapshot from what DynamoDB really has (`description`: the key and
 * the global secondary indexes) and Tidemark's metadata (`stored`: columns, unique flags,
 * foreign keys). Where they disagree the real side wins, so drift shows: a key or index column
 * the metadata lacks, or whose type the real attribute contradicts, reads as the attribute's
 * type; an index the metadata does not know reads as a plain index.
 */
export function mergeTable(description: TableDescription, stored: TableSnapshot): TableSnapshot {
  const definitions = new Map((description.AttributeDefinitions ?? []).map((d: AttributeDefinition) => [d.AttributeName!, d.AttributeType!]));
  const columns = new Map<string, ColumnSnapshot>(stored.columns.map((c) => [c.name, c]));
  for (const [name, attributeType] of definitions) {
    const c = columns.get(name);
    if (!c || keyAttributeType(valueType(c)) !== attributeType) {
      columns.set(name, { name, type: FALLBACK_TYPE[attributeType] ?? 'text', nullable: !c || c.nullable });
    }
  }
  const primaryKey = keyColumns(description, description.KeySchema);
  // an index being deleted is on its way out: the schema is already without it
  const live = (description.GlobalSecondaryIndexes ?? []).filter((g) => g.IndexStatus !== 'DELETING');
  const indexes = [...live, ...(description.LocalSecondaryIndexes ?? [])].map((g): IndexSnapshot => {
    const name = g.IndexName!;
    const cols = keyColumns(description, g.KeySchema);
    // an LSI shares the table's partition key; Tidemark never creates one, but reports what is there
    const known = stored.indexes.find((i) => i.name === name && i.columns.length === cols.length && i.columns.every((c, k) => c === cols[k]));
    return { name, columns: cols, unique: known?.unique ?? false, ...(known?.unique && known.applicationEnforced ? { applicationEnforced: true as const } : {}) };
  });
  return { name: stored.name, model: '', columns: [...columns.values()], primaryKey, indexes, foreignKeys: stored.foreignKeys };
}

/**
 * `introspectDynamoDb` reads the schema Tidemark manages in this account and region: the tables
 * that exist AND have Tidemark metadata (a region is shared by every application of the account,
 * so tables Tidemark never created are not its business, and `dropAll` never touches them),
 * merged as `mergeTable` says. Tidemark's own `_tidemark_*` tables are excluded.
 */
export async function introspectDynamoDb(db: DynamoGateway): Promise<SchemaSnapshot> {
  const [names, stored] = await Promise.all([listTables(db), readTableMetadata(db)]);
  const managed = names.filter((n) => !isTidemarkTable(n) && stored.has(n));
  // a few at a time: DescribeTable is a control-plane call with a low request rate on AWS
  const tables = await mapLimit(managed, 8, async (name) => {
    const description = await describeTable(db, name, 'introspect');
    return description && description.TableStatus !== 'DELETING' ? mergeTable(description, stored.get(name)!) : undefined;
  });
  return normalizeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables: tables.filter((t): t is TableSnapshot => t !== undefined) });
}
