import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { connectDynamoDb, type DynamoConnectOptions } from '../connect.js';
import type { DynamoConnection } from '../connection.js';

/**
 * Live tests run against the DynamoDB Local at TIDEMARK_DYNAMODB_URL (the test run
 * starts one). Without it they are skipped with a loud line, unless TIDEMARK_REQUIRE_BACKENDS
 * names dynamodb, which makes the absence a failure.
 */
export const BASE_URL = process.env.TIDEMARK_DYNAMODB_URL;

/** `liveSkip` is the `skip` option of a live suite: false when DynamoDB Local is there. */
export function liveSkip(): string | false {
  if (BASE_URL) return false;
  const required = (process.env.TIDEMARK_REQUIRE_BACKENDS ?? '').split(',').map((s) => s.trim());
  if (required.includes('dynamodb')) throw new Error('TIDEMARK_REQUIRE_BACKENDS names dynamodb but TIDEMARK_DYNAMODB_URL is not set: the test run (vitest global setup, test/support/dynamodb-global-setup.ts) starts DynamoDB Local when java is installed (see its output for why it did not)');
  const reason = 'TIDEMARK_DYNAMODB_URL is not set (the test run starts DynamoDB Local when java is installed: test/support/dynamodb-global-setup.ts)';
  console.error(`\n!!! SKIPPING the live DynamoDB tests: ${reason}\n`);
  return reason;
}

/** `freshUrl` names an empty database on the DynamoDB Local: its own region (DynamoDB Local keeps one database per region). */
export function freshUrl(): string {
  const url = new URL(BASE_URL!);
  url.searchParams.set('region', `tm${randomBytes(6).toString('hex')}`);
  return url.toString();
}

/** `openLocal` connects to a fresh, empty database. */
export async function openLocal(options: DynamoConnectOptions = {}): Promise<{ url: string; conn: DynamoConnection }> {
  const url = freshUrl();
  return { url, conn: await connectDynamoDb(url, options) };
}

/** `rawClient` is a plain SDK client on the same database as `url`, for changes made behind Tidemark's back. */
export function rawClient(url: string): DynamoDBClient {
  const u = new URL(url);
  return new DynamoDBClient({ endpoint: `http://${u.host}`, region: u.searchParams.get('region')!, credentials: { accessKeyId: 'tidemark', secretAccessKey: 'tidemark' } });
}
