import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { awsErrorName } from './errors.js';
import type { DynamoGateway } from './gateway.js';

/** `describeTable` reads one table's real definition (DescribeTable), or undefined when it does not exist. */
export async function describeTable(db: DynamoGateway, table: string, op: string): Promise<TableDescription | undefined> {
  try {
    return (await db.send('DescribeTable', { TableName: table }, { op, table })).Table;
  } catch (err) {
    if (awsErrorName(err) === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}
