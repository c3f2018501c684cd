import type { AttributeValue, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoGateway } from './gateway.js';

/** `Item` is one DynamoDB item. */
export type Item = Record<string, AttributeValue>;

/**
 * `scanPages` reads a whole table page by page (1 MB each at most), with strongly consistent
 * reads so a check or rewrite sees every write made before it started.
 */
export async function* scanPages(db: DynamoGateway, input: ScanCommandInput, op: string): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const page = await db.send('Scan', { ConsistentRead: true, ...input, ...(start ? { ExclusiveStartKey: start } : {}) }, { op, table: input.TableName });
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

/** `countItems` counts a table's items with a paginated COUNT scan; with `attribute`, only the items that hold it (not NULL). */
export async function countItems(db: DynamoGateway, table: string, op: string, attribute?: string): Promise<number> {
  const filter: Partial<ScanCommandInput> = attribute === undefined ? {} : {
    FilterExpression: 'attribute_exists(#a) AND NOT attribute_type(#a, :null)',
    ExpressionAttributeNames: { '#a': attribute },
    ExpressionAttributeValues: { ':null': { S: 'NULL' } },
  };
  let n = 0;
  let start: Item | undefined;
  do {
    const page = await db.send('Scan', { TableName: table, Select: 'COUNT', ConsistentRead: true, ...filter, ...(start ? { ExclusiveStartKey: start } : {}) }, { op, table });
    n += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return n;
}
