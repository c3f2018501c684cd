import { normalizeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';
import { describeTable } from './describe-table.js';
import type { DynamoGateway } from './gateway.js';
import { introspectDynamoDb, mergeTable } from './introspect.js';
import { ensureSchemaTable, readTableMetadata, saveTableMetadata } from './schema-store.js';
import type { WaitOptions } from './wait.js';

/**
 * Tables that exist in the account and region but have no Tidemark metadata, among `tables`:
 * the ones `migrate:baseline` can adopt. A table Tidemark already describes is left as it is.
 */
async function unmanaged(db: DynamoGateway, tables: readonly TableSnapshot[]): Promise<{ table: TableSnapshot; description: NonNullable<Awaited<ReturnType<typeof describeTable>>> }[]> {
  const stored = await readTableMetadata(db);
  const out = [];
  for (const table of tables.filter((t) => !stored.has(t.name))) {
    const description = await describeTable(db, table.name, 'adopt');
    if (description && description.TableStatus !== 'DELETING') out.push({ table, description });
  }
  return out;
}

/**
 * `previewAdoption` is the live schema as introspection would read it once `tables` are adopted:
 * each existing, unmanaged one reads as its real key and global secondary indexes merged with
 * the model's definition (`mergeTable`: where they disagree the real side wins, so a key or
 * index that differs from the models shows as drift and the baseline is refused). Reads only.
 */
export async function previewAdoption(db: DynamoGateway, tables: readonly TableSnapshot[]): Promise<SchemaSnapshot> {
  const [live, adoptable] = await Promise.all([introspectDynamoDb(db), unmanaged(db, tables)]);
  const merged = adoptable.map(({ table, description }) => mergeTable(description, { ...table, model: '' }));
  return normalizeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables: [...live.tables, ...merged] });
}

/**
 * `adoptTables` writes Tidemark's metadata for each existing, unmanaged table among `tables`
 * (what `createTable` would have written), so introspection and later migrations see it. No
 * table is changed.
 */
export async function adoptTables(db: DynamoGateway, wait: WaitOptions, tables: readonly TableSnapshot[]): Promise<void> {
  const adoptable = await unmanaged(db, tables);
  if (adoptable.length === 0) return;
  await ensureSchemaTable(db, wait);
  for (const { table } of adoptable) await saveTableMetadata(db, table);
}
