import type * as Sdk from '@aws-sdk/client-dynamodb';
import { backendMissing, traced, type StatementListener } from '@tidemark/core';
import { translateDynamoError, type DynamoErrorContext } from './errors.js';
import type { DynamoDbLocation } from './url.js';

/** `CommandMap` lists the DynamoDB API calls Tidemark makes, with their input and output types. */
export interface CommandMap {
  CreateTable: [Sdk.CreateTableCommandInput, Sdk.CreateTableCommandOutput];
  DeleteTable: [Sdk.DeleteTableCommandInput, Sdk.DeleteTableCommandOutput];
  DescribeTable: [Sdk.DescribeTableCommandInput, Sdk.DescribeTableCommandOutput];
  UpdateTable: [Sdk.UpdateTableCommandInput, Sdk.UpdateTableCommandOutput];
  ListTables: [Sdk.ListTablesCommandInput, Sdk.ListTablesCommandOutput];
  PutItem: [Sdk.PutItemCommandInput, Sdk.PutItemCommandOutput];
  GetItem: [Sdk.GetItemCommandInput, Sdk.GetItemCommandOutput];
  UpdateItem: [Sdk.UpdateItemCommandInput, Sdk.UpdateItemCommandOutput];
  DeleteItem: [Sdk.DeleteItemCommandInput, Sdk.DeleteItemCommandOutput];
  Scan: [Sdk.ScanCommandInput, Sdk.ScanCommandOutput];
  Query: [Sdk.QueryCommandInput, Sdk.QueryCommandOutput];
  BatchWriteItem: [Sdk.BatchWriteItemCommandInput, Sdk.BatchWriteItemCommandOutput];
  BatchGetItem: [Sdk.BatchGetItemCommandInput, Sdk.BatchGetItemCommandOutput];
  TransactWriteItems: [Sdk.TransactWriteItemsCommandInput, Sdk.TransactWriteItemsCommandOutput];
  TransactGetItems: [Sdk.TransactGetItemsCommandInput, Sdk.TransactGetItemsCommandOutput];
  ExecuteStatement: [Sdk.ExecuteStatementCommandInput, Sdk.ExecuteStatementCommandOutput];
  BatchExecuteStatement: [Sdk.BatchExecuteStatementCommandInput, Sdk.BatchExecuteStatementCommandOutput];
  ExecuteTransaction: [Sdk.ExecuteTransactionCommandInput, Sdk.ExecuteTransactionCommandOutput];
}

/** `CommandName` is one DynamoDB API call Tidemark knows. */
export type CommandName = keyof CommandMap;

/** `CallContext` names what a call is for, for error messages. */
export type CallContext = Omit<DynamoErrorContext, 'command' | 'target'>;

type SdkModule = typeof Sdk;
type AnyCommand = new (input: unknown) => unknown;

/**
 * `DynamoGateway` is the one place Tidemark talks to DynamoDB: every call goes through `send`,
 * which turns any failure into a TidemarkError (see errors.ts), so no raw SDK error escapes.
 */
export class DynamoGateway {
  readonly #sdk: SdkModule;
  readonly #client: Sdk.DynamoDBClient;
  readonly #target: string;
  readonly #onStatement: StatementListener | undefined;

  constructor(sdk: SdkModule, client: Sdk.DynamoDBClient, target: string, onStatement?: StatementListener) {
    this.#sdk = sdk;
    this.#client = client;
    this.#target = target;
    this.#onStatement = onStatement;
  }

  /** `send` runs one API call. */
  async send<N extends CommandName>(command: N, input: CommandMap[N][0], context: CallContext = {}): Promise<CommandMap[N][1]> {
    const Command = (this.#sdk as unknown as Record<string, AnyCommand>)[`${command}Command`];
    try {
      // --verbose names the call and its table, never the items: their values are the users' data
      return await traced(this.#onStatement, () => describeCall(command, input), 0,
        async () => (await this.#client.send(new Command!(input) as Parameters<Sdk.DynamoDBClient['send']>[0])) as CommandMap[N][1]);
    } catch (err) {
      throw translateDynamoError(err, { ...context, command, target: this.#target });
    }
  }

  /** `close` releases the client's sockets. */
  close(): void {
    this.#client.destroy();
  }
}

function describeCall(command: string, input: unknown): string {
  const { TableName, IndexName } = (input ?? {}) as { TableName?: unknown; IndexName?: unknown };
  return [command, typeof TableName === 'string' ? TableName : '', typeof IndexName === 'string' ? `index ${IndexName}` : ''].filter(Boolean).join(' ');
}

async function loadSdk(): Promise<SdkModule> {
  try {
    // Imported here, not at the top, so `capabilities` and URL parsing work without the SDK.
    return await import('@aws-sdk/client-dynamodb');
  } catch (err) {
    throw backendMissing('dynamodb', '@aws-sdk/client-dynamodb', err);
  }
}

/**
 * `openGateway` builds the SDK client for a parsed URL: a local endpoint gets its placeholder
 * (or URL) credentials; AWS gets no credentials at all, so the SDK's default chain applies.
 * Retries use the SDK's adaptive mode, which backs off on throttling during long rewrites.
 */
export async function openGateway(location: DynamoDbLocation, target: string, onStatement?: StatementListener): Promise<DynamoGateway> {
  const sdk = await loadSdk();
  const client = location.kind === 'endpoint'
    ? new sdk.DynamoDBClient({ endpoint: location.endpoint, region: location.region, credentials: location.credentials, maxAttempts: 6, retryMode: 'adaptive' })
    : new sdk.DynamoDBClient({ ...(location.region ? { region: location.region } : {}), maxAttempts: 6, retryMode: 'adaptive' });
  return new DynamoGateway(sdk, client, target, onStatement);
}
