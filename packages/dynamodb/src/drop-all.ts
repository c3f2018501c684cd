import type { DynamoGateway } from './gateway.js';
import { listTables } from './introspect.js';
import { readTableMetadata } from './schema-store.js';
import { HISTORY_TABLE, isTidemarkTable, SCHEMA_TABLE } from './tracking-tables.js';
import { waitForTableGone, type WaitOptions } from './wait.js';
import { awsErrorName } from './errors.js';

async function deleteTable(db: DynamoGateway, table: string, wait: WaitOptions): Promise<void> {
  try {
    await db.send('DeleteTable', { TableName: table }, { op: 'dropAll', table });
  } catch (err) {
    if (awsErrorName(err) === 'ResourceNotFoundException') return;
    throw err;
  }
  await waitForTableGone(db, table, wait, 'dropAll');
}

/**
 * `dropAllDynamoDb` deletes every table Tidemark manages (those with Tidemark metadata), then its
 * metadata and history tables, for `migrate:fresh`. Other tables of the account and region are
 * left alone: a region is shared by every application of the account. The lock table stays,
 * since a run may be holding it.
 */
export async function dropAllDynamoDb(db: DynamoGateway, wait: WaitOptions, keep: (table: string) => boolean = () => false): Promise<void> {
  const [names, stored] = await Promise.all([listTables(db, 'dropAll'), readTableMetadata(db)]);
  for (const name of names.filter((n) => !isTidemarkTable(n) && stored.has(n) && !keep(n))) await deleteTable(db, name, wait);
  await deleteTable(db, SCHEMA_TABLE, wait);
  await deleteTable(db, HISTORY_TABLE, wait);
}
