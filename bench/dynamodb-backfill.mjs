#!/usr/bin/env node
// What a back-fill costs on DynamoDB: a NOT NULL column added to a table of N items, each item
// updated with a conditional UpdateItem (16 in flight), page by page, progress reported.
// Uses TIDEMARK_DYNAMODB_URL, or starts its own DynamoDB Local (scripts/dynamodb-local.mjs).
// Usage: node --conditions=source --import tsx bench/dynamodb-backfill.mjs [items=10000]
import { randomBytes } from 'node:crypto';
import { op } from '@tidemark/core';
import { connectDynamoDb } from '@tidemark/dynamodb/testing';
import { startDynamoDbLocal } from '../scripts/dynamodb-local.mjs';

const n = Number(process.argv[2] ?? 10_000);
const local = process.env.TIDEMARK_DYNAMODB_URL ? undefined : await startDynamoDbLocal();
const base = process.env.TIDEMARK_DYNAMODB_URL ?? local.url;
const url = `${base}${base.includes('?') ? '&' : '?'}region=bench${randomBytes(4).toString('hex')}`;
const conn = await connectDynamoDb(url);
try {
  await conn.withLock(() => conn.applier.apply(op.createTable({
    name: 'orders', primaryKey: ['id'],
    columns: [{ name: 'id', type: 'string', length: 20 }, { name: 'total', type: 'decimal', precision: 10, scale: 2 }],
  })));
  let started = performance.now();
  for (let i = 0; i < n; i += 25) {
    const batch = Array.from({ length: Math.min(25, n - i) }, (_, k) => ({ PutRequest: { Item: { id: { S: `o${i + k}` }, total: { N: String((i + k) % 1000) } } } }));
    await conn.applier.execute({ command: 'BatchWriteItem', input: { RequestItems: { orders: batch } } });
  }
  console.log(`wrote ${n} items in ${Math.round(performance.now() - started)} ms`);
  const pages = [];
  conn.applier.onProgress = (e) => pages.push(e.done);
  started = performance.now();
  await conn.withLock(() => conn.applier.apply(op.addColumn('orders', { name: 'status', type: 'string', length: 20 }, { backfill: 'open' })));
  const ms = performance.now() - started;
  let filled = 0;
  let start;
  do {
    const page = await conn.applier.execute({ command: 'Scan', input: { TableName: 'orders', Select: 'COUNT', FilterExpression: '#s = :v', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':v': { S: 'open' } }, ...(start ? { ExclusiveStartKey: start } : {}) } });
    filled += page.Count;
    start = page.LastEvaluatedKey;
  } while (start);
  if (filled !== n) throw new Error(`only ${filled} of ${n} items were back-filled`);
  console.log(`back-filled ${n} items in ${Math.round(ms)} ms (${Math.round(n / (ms / 1000))} items/s; ${pages.length} progress events, last at ${pages.at(-1)}); all ${filled} hold the value`);
} finally {
  await conn.close();
  await local?.stop();
}
