import { normalizeTable, SNAPSHOT_VERSION, TidemarkError, type TableSnapshot } from '@tidemark/core';
import { awsErrorName } from './errors.js';
import type { DynamoGateway } from './gateway.js';
import { scanPages } from './scan.js';
import { ensureTrackingTable, SCHEMA_TABLE } from './tracking-tables.js';
import type { WaitOptions } from './wait.js';

// The split between what DynamoDB holds and what Tidemark keeps beside it:
//
// - REAL, read from DescribeTable by `introspect`: which tables exist, each table's key
//   (partition and sort attribute) and the attribute types of keys, and its global secondary
//   indexes with their key attributes.
// - METADATA, kept here, in the `_tidemark_schema` table of the same account and region, one item
//   per table: everything DynamoDB has no place for — the columns (DynamoDB has no columns:
//   items carry whatever attributes they like) with their portable types, nullability, defaults,
//   string lengths, decimal precision and enum values; whether an index is an
//   application-enforced unique index; the foreign keys, which DynamoDB never enforces.
//
// Each item is `{ table, definition, version }`, `definition` being the table's snapshot
// (normalized, as JSON), written after each operation that changes the table succeeds.

/** `saveTableMetadata` writes (or replaces) the metadata item of one table. */
export async function saveTableMetadata(db: DynamoGateway, table: TableSnapshot): Promise<void> {
  const definition = JSON.stringify({ ...normalizeTable(table), model: '' });
  await db.send('PutItem', {
    TableName: SCHEMA_TABLE,
    Item: { table: { S: table.name }, definition: { S: definition }, version: { N: String(SNAPSHOT_VERSION) } },
  }, { op: 'metadata', table: SCHEMA_TABLE });
}

/** `deleteTableMetadata` removes the metadata item of a table that is gone. */
export async function deleteTableMetadata(db: DynamoGateway, table: string): Promise<void> {
  try {
    await db.send('DeleteItem', { TableName: SCHEMA_TABLE, Key: { table: { S: table } } }, { op: 'metadata', table: SCHEMA_TABLE });
  } catch (err) {
    if (awsErrorName(err) !== 'ResourceNotFoundException') throw err;
  }
}

function parseDefinition(table: string, text: string): TableSnapshot {
  try {
    const parsed = JSON.parse(text) as TableSnapshot;
    if (parsed.name === table && Array.isArray(parsed.columns) && Array.isArray(parsed.indexes) && Array.isArray(parsed.foreignKeys)) return parsed;
  } catch { /* reported below */ }
  throw new TidemarkError('TM_BACKEND_ERROR', {
    message: `dynamodb: Tidemark's metadata of table ${table} (item "${table}" of ${SCHEMA_TABLE}) is not a table definition`,
    hint: `restore that item (or delete it, and the table is no longer managed by Tidemark); it is written only by Tidemark`,
    details: { dialect: 'dynamodb', op: 'introspect', table: SCHEMA_TABLE },
  });
}

/** `readTableMetadata` reads every metadata item, by table name; none before the metadata table exists. */
export async function readTableMetadata(db: DynamoGateway): Promise<Map<string, TableSnapshot>> {
  const out = new Map<string, TableSnapshot>();
  try {
    for await (const page of scanPages(db, { TableName: SCHEMA_TABLE }, 'introspect')) {
      for (const item of page) {
        const name = item.table?.S;
        const text = item.definition?.S;
        if (name === undefined || text === undefined) continue;
        out.set(name, parseDefinition(name, text));
      }
    }
  } catch (err) {
    if (awsErrorName(err) === 'ResourceNotFoundException') return out;
    throw err;
  }
  return out;
}

/** `ensureSchemaTable` creates `_tidemark_schema` if needed. */
export async function ensureSchemaTable(db: DynamoGateway, wait: WaitOptions): Promise<void> {
  await ensureTrackingTable(db, SCHEMA_TABLE, 'table', wait);
}
