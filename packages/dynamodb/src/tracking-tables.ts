import { awsErrorName } from './errors.js';
import type { DynamoGateway } from './gateway.js';
import { describeTable } from './describe-table.js';
import { waitForTableActive, type WaitOptions } from './wait.js';

/** `HISTORY_TABLE` holds one item per applied or failed migration (README: How a run works). */
export const HISTORY_TABLE = '_tidemark_migrations';
/** `SCHEMA_TABLE` holds Tidemark's metadata of each table it manages (see schema-store.ts). */
export const SCHEMA_TABLE = '_tidemark_schema';
/** `LOCK_TABLE` holds the migration lock item. */
export const LOCK_TABLE = '_tidemark_lock';

/** `isTidemarkTable` tells Tidemark's own tables (`_tidemark_*`) from the ones it manages for the user. */
export function isTidemarkTable(name: string): boolean {
  return name.startsWith('_tidemark_');
}

/**
 * `ensureTrackingTable` creates one of Tidemark's own tables (a string partition key `key`,
 * on-demand capacity) unless it exists, and waits until it is ACTIVE. Idempotent, and safe when
 * two runs race to create it: the loser sees ResourceInUseException and waits like the winner.
 */
export async function ensureTrackingTable(db: DynamoGateway, table: string, key: string, wait: WaitOptions): Promise<void> {
  if ((await describeTable(db, table, 'ensure'))?.TableStatus === 'ACTIVE') return;
  try {
    await db.send('CreateTable', {
      TableName: table,
      KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }, { op: 'ensure', table });
  } catch (err) {
    if (awsErrorName(err) !== 'ResourceInUseException') throw err;
  }
  await waitForTableActive(db, table, wait, 'ensure');
}
