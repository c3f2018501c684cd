import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  dataTable, matchesPredicate, normalizeRow, rowsToInsert, parsePredicate, sameValue, TidemarkError,
  type Backfill, type DataChange, type DataResult, type DataValue, type Insert, type Predicate, type ProgressListener,
  type Row, type SchemaSnapshot, type TableSnapshot, type Update,
} from '@tidemark/core';
import { awsErrorName } from '../errors.js';
import { ExpressionBuilder, itemExists, keyOf } from '../expressions.js';
import type { DynamoGateway } from '../gateway.js';
import { scanPages, type Item } from '../scan.js';
import { WRITE_CONCURRENCY } from '../write-items.js';
import { fromItemValue, toItemValue } from './item-values.js';

/** `DynamoDataRun` is what a data change needs on DynamoDB. */
export interface DynamoDataRun {
  readonly db: DynamoGateway;
  readonly schema: SchemaSnapshot;
  readonly onProgress?: ProgressListener | undefined;
}

/**
 * `runDynamoDataChange` runs an insert, update or back-fill with item requests. DynamoDB has no
 * set-wide UPDATE and no key order across partitions: `update` and `backfill` scan the table
 * (page by page, `batchSize` items each), evaluate the condition on each item (core's
 * `matchesPredicate`) and update the matching items one by one, only those whose values change.
 */
export async function runDynamoDataChange(change: DataChange, run: DynamoDataRun): Promise<DataResult> {
  const table = dataTable(run.schema.tables, change.table);
  switch (change.kind) {
    case 'insert': return insert(change, table, run);
    case 'update': return rewrite(table, run, parsePredicate(change.where, table), 1000, 0, () => normalized(table, change), 'update');
    case 'backfill': return rewrite(table, run, parsePredicate(change.where, table), change.batchSize, change.pauseMs, (row) => computed(change, table, row), 'backfill');
  }
}

function normalized(table: TableSnapshot, change: Update): Record<string, DataValue> {
  const set = normalizeRow(table, change.set);
  if (Object.keys(set).length === 0) {
    throw new TidemarkError('TM_MIGRATION_INVALID', { message: `update ${table.name}: nothing to set`, hint: 'name at least one column and its new value', details: { table: table.name } });
  }
  return set;
}

function computed(change: Backfill, table: TableSnapshot, row: Row): Record<string, DataValue> | undefined {
  if (typeof change.values !== 'function') return normalizeRow(table, change.values);
  const values = change.values(row);
  return values === undefined ? undefined : normalizeRow(table, values);
}

/** Each item is a PutItem that refuses an existing key, as a SQL INSERT would. */
async function insert(change: Insert, table: TableSnapshot, run: DynamoDataRun): Promise<DataResult> {
  const rows = change.rows.map((r) => normalizeRow(table, r));
  // with skipExisting, the condition that refuses an existing key is the check itself
  const unique = change.skipExisting ? rowsToInsert(table, rows, []) : rows;
  let written = 0;
  await inParallel(unique.map((r) => toItem(table, r)), async (item) => {
    const e = new ExpressionBuilder();
    try {
      await run.db.send('PutItem', { TableName: table.name, Item: item, ConditionExpression: table.primaryKey.map((k) => `attribute_not_exists(${e.name(k)})`).join(' AND '), ...e.parts() }, { op: 'insert', table: table.name });
      written++;
    } catch (err) {
      if (!change.skipExisting || awsErrorName(err) !== 'ConditionalCheckFailedException') throw err;
    }
  });
  return { rows: written };
}

async function rewrite(table: TableSnapshot, run: DynamoDataRun, predicate: Predicate, pageSize: number, pauseMs: number,
  valuesFor: (row: Row) => Record<string, DataValue> | undefined, op: 'update' | 'backfill'): Promise<DataResult> {
  let done = 0;
  let written = 0;
  for await (const page of scanPages(run.db, { TableName: table.name, Limit: pageSize }, op)) {
    const writes: { key: Item; values: Record<string, DataValue> }[] = [];
    for (const item of page) {
      const row = readRow(table, item);
      if (!matchesPredicate(predicate, row)) continue;
      const values = valuesFor(row);
      if (!values || Object.entries(values).every(([name, value]) => sameValue(row[name], value))) continue;
      writes.push({ key: keyOf(item, table.primaryKey), values });
    }
    await inParallel(writes, (w) => updateItem(run.db, table, w.key, w.values, op));
    written += writes.length;
    done += page.length;
    if (op === 'backfill') run.onProgress?.({ operation: 'backfill', table: table.name, done });
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return { rows: written };
}

/** SET the values given, REMOVE the ones set to null; never creates an item that went away meanwhile. */
async function updateItem(db: DynamoGateway, table: TableSnapshot, key: Item, values: Record<string, DataValue>, op: string): Promise<void> {
  const e = new ExpressionBuilder();
  const set: string[] = [];
  const remove: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (table.primaryKey.includes(name)) continue;
    const av = toItemValue(table.columns.find((c) => c.name === name)!, value);
    if (av === undefined) remove.push(e.name(name));
    else set.push(`${e.name(name)} = ${e.value(av)}`);
  }
  if (set.length === 0 && remove.length === 0) return;
  const expression = [set.length > 0 ? `SET ${set.join(', ')}` : '', remove.length > 0 ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' ');
  await db.send('UpdateItem', { TableName: table.name, Key: key, UpdateExpression: expression, ConditionExpression: itemExists(e, table.primaryKey), ...e.parts() }, { op, table: table.name })
    .catch((err: unknown) => {
      // the item was deleted meanwhile: nothing left to write
      if (awsErrorName(err) === 'ConditionalCheckFailedException') return;
      throw err;
    });
}

function toItem(table: TableSnapshot, row: Record<string, DataValue>): Item {
  const item: Item = {};
  for (const [name, value] of Object.entries(row)) {
    const av: AttributeValue | undefined = toItemValue(table.columns.find((c) => c.name === name)!, value);
    if (av !== undefined) item[name] = av;
  }
  return item;
}

function readRow(table: TableSnapshot, item: Item): Record<string, DataValue> {
  const row: Record<string, DataValue> = {};
  for (const c of table.columns) row[c.name] = fromItemValue(c, item[c.name]);
  return row;
}

async function inParallel<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += WRITE_CONCURRENCY) {
    await Promise.all(items.slice(start, start + WRITE_CONCURRENCY).map(run));
  }
}
