import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { describeTable } from '../describe-table.js';
import type { DynamoGateway } from '../gateway.js';

const keyOf = (schema: readonly { AttributeName?: string | undefined; KeyType?: string | undefined }[] | undefined): string =>
  JSON.stringify((schema ?? []).map((k) => [k.AttributeName, k.KeyType]));

/**
 * `isHalfCreated` says whether an existing table is exactly what a `createTable` step left when
 * its run was killed after CreateTable and before Tidemark's metadata was written: the same key
 * schema and indexes, and no item at all. Such a table is adopted (the step finishes) instead of
 * failing on it for good; any other table of that name is not Tidemark's to take over.
 * (docs/failure-recovery.md: Deciding an interrupted step.)
 */
export async function isHalfCreated(db: DynamoGateway, input: CreateTableCommandInput, op: string): Promise<boolean> {
  const table = await describeTable(db, input.TableName!, op);
  if (!table) return false;
  if (keyOf(table.KeySchema) !== keyOf(input.KeySchema)) return false;
  const indexes = (list: readonly { IndexName?: string | undefined; KeySchema?: readonly { AttributeName?: string; KeyType?: string }[] | undefined }[] | undefined): string =>
    JSON.stringify((list ?? []).map((i) => [i.IndexName, keyOf(i.KeySchema)]).sort());
  if (indexes(table.GlobalSecondaryIndexes) !== indexes(input.GlobalSecondaryIndexes)) return false;
  const page = await db.send('Scan', { TableName: input.TableName!, Limit: 1, ConsistentRead: true }, { op, table: input.TableName! });
  return (page.Items ?? []).length === 0 && page.LastEvaluatedKey === undefined;
}
