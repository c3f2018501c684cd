import { unsupportedOperation, type NativeStatement } from '@tidemark/core';
import type { CommandName, DynamoGateway } from './gateway.js';

/**
 * `DATA_COMMANDS` are the DynamoDB API calls `db.execute` runs: item reads and writes, batches,
 * transactions and PartiQL. Table and index changes are not among them: they go through
 * `db.createTable`, `db.createIndex`… so Tidemark's schema and metadata stay true.
 */
export const DATA_COMMANDS = [
  'PutItem', 'UpdateItem', 'DeleteItem', 'GetItem', 'Query', 'Scan', 'BatchWriteItem', 'BatchGetItem',
  'TransactWriteItems', 'TransactGetItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction',
] as const satisfies readonly CommandName[];

/** `DataCommand` is one of `DATA_COMMANDS`. */
export type DataCommand = (typeof DATA_COMMANDS)[number];

/**
 * `DynamoDbStatement` is what `db.execute` takes on DynamoDB: the API call's name and its input,
 * exactly as the AWS SDK's `<command>Command` takes it (attribute values in DynamoDB's JSON:
 * `{ S: 'x' }`, `{ N: '1' }`).
 * @example db.execute({ command: 'UpdateItem', input: { TableName: 'users', Key: { id: { S: 'u1' } }, UpdateExpression: 'SET #r = :r', ExpressionAttributeNames: { '#r': 'role' }, ExpressionAttributeValues: { ':r': { S: 'member' } } } })
 * @example db.execute({ command: 'ExecuteStatement', input: { Statement: `UPDATE "users" SET "role" = 'member' WHERE "id" = 'u1'` } })
 */
export interface DynamoDbStatement {
  readonly command: DataCommand;
  readonly input: Readonly<Record<string, unknown>>;
}

const SHAPE = "pass { command: 'UpdateItem' | 'PutItem' | … | 'ExecuteStatement', input: { … } } — the AWS SDK command name without `Command` and its input";
const SCHEMA_COMMANDS = new Set(['CreateTable', 'UpdateTable', 'DeleteTable', 'CreateGlobalTable', 'UpdateTimeToLive']);

/** `parseStatement` checks a native statement is a DynamoDB data command, refusing SQL text and anything else clearly. */
export function parseStatement(statement: NativeStatement): DynamoDbStatement {
  if (typeof statement === 'string') {
    throw unsupportedOperation('dynamodb', `run SQL text (${JSON.stringify(statement.length > 60 ? `${statement.slice(0, 60)}…` : statement)}): DynamoDB takes API commands`,
      `${SHAPE}; for PartiQL use { command: 'ExecuteStatement', input: { Statement: '…' } }`);
  }
  const { command, input } = statement as { command?: unknown; input?: unknown };
  if (typeof command !== 'string') throw unsupportedOperation('dynamodb', 'run a statement without a command name', SHAPE);
  if (SCHEMA_COMMANDS.has(command)) {
    throw unsupportedOperation('dynamodb', `run ${command} through db.execute: table and index changes would bypass Tidemark's schema`,
      'use db.createTable, db.dropTable, db.createIndex, db.dropIndex… in the migration instead');
  }
  if (!(DATA_COMMANDS as readonly string[]).includes(command)) {
    throw unsupportedOperation('dynamodb', `run the command ${JSON.stringify(command)}`, `use one of ${DATA_COMMANDS.join(', ')}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw unsupportedOperation('dynamodb', `run ${command} without an input object`, SHAPE);
  }
  const extra = Object.keys(statement).filter((k) => k !== 'command' && k !== 'input');
  if (extra.length > 0) throw unsupportedOperation('dynamodb', `run a statement with unknown field(s) ${extra.join(', ')}`, SHAPE);
  return { command: command as DataCommand, input: input as Record<string, unknown> };
}

/** `renderStatement` prints a native statement as the dry run shows it: the command and its input as JSON. */
export function renderStatement(statement: NativeStatement): string {
  const { command, input } = parseStatement(statement);
  return `${command} ${JSON.stringify(input)}`;
}

/** `executeStatement` runs a data command and returns the SDK's output (without its request metadata). */
export async function executeStatement(db: DynamoGateway, statement: NativeStatement): Promise<unknown> {
  const { command, input } = parseStatement(statement);
  const table = typeof input.TableName === 'string' ? input.TableName : undefined;
  const output = await db.send(command, input as never, { op: 'execute', ...(table ? { table } : {}) });
  const { $metadata: _metadata, ...result } = output as unknown as Record<string, unknown>;
  return result;
}
