// The app and its migrations share one DynamoDB Local database: a table the application makes
// with its own AWS credentials and region is the table Tidemark sees through dynamodb://host:port.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { op } from '@tidemark/core';
import { connectDynamoDb } from './connect.js';
import { BASE_URL, liveSkip } from './__fixtures__/local.js';

describe('AWS credentials from the environment on a local endpoint', { skip: Boolean(liveSkip()) }, () => {
  it('the app sees, with its own key and region, the table Tidemark made through dynamodb://host:port', async () => {
    const region = `tm${randomBytes(6).toString('hex')}`;
    const credentials = { accessKeyId: 'appkey', secretAccessKey: 'appsecret' };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_REGION: region });
    const endpoint = `http://${new URL(BASE_URL!).host}`;
    const app = new DynamoDBClient({ endpoint, region, credentials });
    const conn = await connectDynamoDb(`dynamodb://${new URL(BASE_URL!).host}`);
    try {
      await conn.withLock(() => conn.applier.apply(op.createTable({ name: 'shared_items', columns: [{ name: 'id', type: 'uuid' }], primaryKey: ['id'] })));
      const seen = await app.send(new DescribeTableCommand({ TableName: 'shared_items' }));
      assert.equal(seen.Table?.TableName, 'shared_items');
    } finally {
      await conn.close();
      app.destroy();
    }
  });
});
