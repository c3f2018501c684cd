import type { Backend, BackendConnection, ConnectOptions, Operation, SchemaSnapshot } from '@tidemark/core';
import { capabilities } from './capabilities.js';
import { renderOperation } from './render.js';
import { connectDynamoDb } from './connect.js';

/**
 * `dynamodbBackend` is Tidemark's DynamoDB backend: `connect('dynamodb://localhost:8000')` talks
 * to a local endpoint (DynamoDB Local), `connect('dynamodb://aws?region=eu-west-1')` to AWS with
 * the default credential chain.
 * @example const conn = await dynamodbBackend.connect('dynamodb://localhost:8000');
 */
export const dynamodbBackend = {
  dialect: 'dynamodb',
  capabilities,
  connect: (url: string, options?: ConnectOptions): Promise<BackendConnection> => 
    // DynamoDB has no lock waits or statement timeouts of its own (README: Timeouts): only the trace applies
    connectDynamoDb(url, options?.onStatement ? { onStatement: options.onStatement } : {}),
  render: (operation: Operation, before: SchemaSnapshot): string[] => renderOperation(operation, before),
} as const satisfies Backend;
