import { randomBytes } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TableSnapshot } from '@tidemark/core';
import { capabilities, parseDynamoDbUrl } from '@tidemark/dynamodb';
// internals of the backend's package, through its documented internal entry (not the public surface)
import { connectDynamoDb, openGateway, SCHEMA_TABLE, toAttributeValue, toPlain, type DynamoConnection } from '@tidemark/dynamodb/testing';
import type { BackendHarness, Row } from './harness.js';

type Item = Record<string, AttributeValue>;

/**
 * `dynamodbUrlFor` gives a test its own empty database on the DynamoDB Local at `base`:
 * started without -sharedDb, DynamoDB Local keeps a separate set of tables per access key id
 * and region, so a fresh region name per test database isolates test files running in parallel.
 */
export function dynamodbUrlFor(base: string, name = `tm${randomBytes(6).toString('hex')}`): string {
  const url = new URL(base);
  url.searchParams.set('region', name);
  return url.toString().replace(/\/\?/, '?').replace(/\/$/, '');
}

async function tableOf(connection: DynamoConnection, table: string): Promise<TableSnapshot> {
  const out = (await connection.applier.execute({ command: 'GetItem', input: { TableName: SCHEMA_TABLE, Key: { table: { S: table } }, ConsistentRead: true } })) as { Item?: Item };
  const text = out.Item?.definition?.S;
  if (!text) throw new Error(`dynamodb harness: no Tidemark table ${table}`);
  return JSON.parse(text) as TableSnapshot;
}

async function scanAll(connection: DynamoConnection, table: string, extra: Record<string, unknown> = {}): Promise<{ items: Item[]; count: number }> {
  const items: Item[] = [];
  let count = 0;
  let start: Item | undefined;
  do {
    const page = (await connection.applier.execute({
      command: 'Scan', input: { TableName: table, ConsistentRead: true, ...extra, ...(start ? { ExclusiveStartKey: start } : {}) },
    })) as { Items?: Item[]; Count?: number; LastEvaluatedKey?: Item };
    items.push(...(page.Items ?? []));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return { items, count };
}

function compare(a: Row[string], b: Row[string]): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/**
 * `dynamodbHarness` runs the conformance suite on DynamoDB Local at TIDEMARK_DYNAMODB_URL, which
 * the test run (vitest global setup) starts (when java is installed) and stops around it. Rows are
 * written and read through the backend's own `execute` (PutItem, Scan, BatchWriteItem), values
 * stored by the column types Tidemark's metadata gives and read back as a SQL driver returns them.
 */
export const dynamodbHarness: BackendHarness = {
  name: 'dynamodb',
  capabilities,
  // each index change waits for a real build (about 0.5 s to create, 1 s to delete on DynamoDB Local)
  evolutionSteps: 100,
  async unreachable() {
    const base = process.env.TIDEMARK_DYNAMODB_URL;
    if (!base) {
      return 'TIDEMARK_DYNAMODB_URL is not set; the test run (vitest global setup, test/support/dynamodb-global-setup.ts) starts DynamoDB Local when java is installed, '
        + 'or run `node scripts/dynamodb-local.mjs start` and export the URL it prints';
    }
    try {
      if (parseDynamoDbUrl(base).kind !== 'endpoint') return `TIDEMARK_DYNAMODB_URL=${base} is not a local endpoint; the tests need DynamoDB Local (dynamodb://host:port)`;
      const connection = await connectDynamoDb(dynamodbUrlFor(base, 'tmprobe'));
      try {
        await connection.introspect();
      } finally {
        await connection.close();
      }
      return undefined;
    } catch (err) {
      return `DynamoDB Local at ${base} does not answer: ${(err as Error).message}`;
    }
  },
  async create() {
    const url = dynamodbUrlFor(process.env.TIDEMARK_DYNAMODB_URL!);
    const connection = await connectDynamoDb(url);
    return {
      url,
      connection,
      async insert(table, rows) {
        const t = await tableOf(connection, table);
        for (const row of rows) {
          const item: Item = {};
          for (const [name, value] of Object.entries(row)) {
            const column = t.columns.find((c) => c.name === name);
            const av = toAttributeValue(value, column ?? { type: typeof value === 'number' ? 'f64' : typeof value === 'boolean' ? 'boolean' : 'text' });
            if (av) item[name] = av;
          }
          // an INSERT: a second row with the same key is refused, not silently replacing the first
          const names = Object.fromEntries(t.primaryKey.map((k, i) => [`#k${i}`, k]));
          await connection.applier.execute({
            command: 'PutItem',
            input: { TableName: table, Item: item, ConditionExpression: Object.keys(names).map((n) => `attribute_not_exists(${n})`).join(' AND '), ExpressionAttributeNames: names },
          });
        }
      },
      async select(table, columns, orderBy) {
        const { items } = await scanAll(connection, table);
        const rows = items.map((item) => Object.fromEntries(columns.map((c) => [c, toPlain(item[c])])) as Row);
        const order = items.map((item) => toPlain(item[orderBy]));
        return rows.map((row, i) => ({ row, key: order[i]! })).sort((a, b) => compare(a.key, b.key)).map((x) => x.row);
      },
      async count(table) {
        return (await scanAll(connection, table, { Select: 'COUNT' })).count;
      },
      async clear(tables) {
        for (const table of tables) {
          const key = (await tableOf(connection, table)).primaryKey;
          const { items } = await scanAll(connection, table);
          for (let i = 0; i < items.length; i += 25) {
            let deletes: unknown[] = items.slice(i, i + 25).map((item) => ({ DeleteRequest: { Key: Object.fromEntries(key.map((k) => [k, item[k]!])) } }));
            while (deletes.length > 0) {
              const out = (await connection.applier.execute({ command: 'BatchWriteItem', input: { RequestItems: { [table]: deletes } } })) as { UnprocessedItems?: Record<string, unknown[]> };
              deletes = out.UnprocessedItems?.[table] ?? [];
            }
          }
        }
      },
      async tables() {
        const gateway = await openGateway(parseDynamoDbUrl(url), 'test harness');
        try {
          const names: string[] = [];
          let start: string | undefined;
          do {
            const page = await gateway.send('ListTables', start ? { ExclusiveStartTableName: start } : {});
            names.push(...(page.TableNames ?? []));
            start = page.LastEvaluatedTableName;
          } while (start);
          return names.sort();
        } finally {
          gateway.close();
        }
      },
      async dispose() {
        await connection.close();
      },
    };
  },
};
