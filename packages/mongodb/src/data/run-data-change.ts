import {
  dataTable, keysPredicate, normalizeRow, rowsToInsert, parsePredicate, sameValue, TidemarkError,
  type Backfill, type DataChange, type DataResult, type DataValue, type Insert, type ProgressListener,
  type Row, type SchemaSnapshot, type TableSnapshot, type Update,
} from '@tidemark/core';
import type { MongoCommandRunner } from '../command-runner.js';
import { countMatching, readAll } from '../cursor.js';
import type { Document } from '../document.js';
import { runCommand } from '../run-command.js';
import { fromDocumentValue, toDocumentValue } from './document-values.js';
import { renderFilter } from './render-filter.js';

/** Documents per `insert` command (MongoDB's own write batch limit is 100,000). */
const INSERT_BATCH = 1000;

/** `MongoDataRun` is what a data change needs on MongoDB. */
export interface MongoDataRun {
  readonly runner: MongoCommandRunner;
  readonly schema: SchemaSnapshot;
  readonly onProgress?: ProgressListener | undefined;
}

/** `runMongoDataChange` runs an insert, update or back-fill as MongoDB commands. */
export async function runMongoDataChange(change: DataChange, run: MongoDataRun): Promise<DataResult> {
  const table = dataTable(run.schema.tables, change.table);
  switch (change.kind) {
    case 'insert': return insert(change, table, run);
    case 'update': return update(change, table, run);
    case 'backfill': return backfill(change, table, run);
  }
}

/** `toDocument` writes a row's columns as a document's fields (Extended JSON, per column type). */
function toDocument(table: TableSnapshot, row: Record<string, DataValue>): Document {
  const doc: Document = {};
  for (const [name, value] of Object.entries(row)) doc[name] = toDocumentValue(table.columns.find((c) => c.name === name)!, value);
  return doc;
}

async function insert(change: Insert, table: TableSnapshot, run: MongoDataRun): Promise<DataResult> {
  const given = change.rows.map((r) => normalizeRow(table, r));
  let rows = given;
  if (change.skipExisting) {
    rowsToInsert(table, given, []);
    const existing = given.length === 0 ? [] : await readAll(run.runner, { find: table.name, filter: renderFilter(keysPredicate(table, given), table), projection: Object.fromEntries(table.primaryKey.map((k) => [k, 1])) }, 'insert');
    rows = rowsToInsert(table, given, existing.map((doc) => Object.fromEntries(table.primaryKey.map((k) => [k, fromDocumentValue(table.columns.find((c) => c.name === k)!, doc[k])]))));
  }
  const documents = rows.map((r) => toDocument(table, r));
  for (let start = 0; start < documents.length; start += INSERT_BATCH) {
    await runCommand(run.runner, { insert: table.name, documents: documents.slice(start, start + INSERT_BATCH), ordered: true }, { op: 'insert' });
  }
  return { rows: documents.length };
}

async function update(change: Update, table: TableSnapshot, run: MongoDataRun): Promise<DataResult> {
  const set = toDocument(table, normalizeRow(table, change.set));
  if (Object.keys(set).length === 0) {
    throw new TidemarkError('TM_MIGRATION_INVALID', { message: `update ${table.name}: nothing to set`, hint: 'name at least one column and its new value', details: { table: table.name } });
  }
  const q = renderFilter(parsePredicate(change.where, table), table);
  const reply = await runCommand(run.runner, { update: table.name, updates: [{ q, u: { $set: set }, multi: true }] }, { op: 'update' });
  return { rows: Number(reply.n ?? 0) };
}

/**
 * A back-fill walks the documents in key order (the table's key columns, kept unique by
 * Tidemark's key index), `batchSize` at a time after the last key read, and writes only the
 * documents whose values change, in one `update` command per batch: rerun after a crash, it
 * only writes the rest.
 */
async function backfill(change: Backfill, table: TableSnapshot, run: MongoDataRun): Promise<DataResult> {
  const key = table.primaryKey;
  const where = renderFilter(parsePredicate(change.where, table), table);
  const total = await countMatching(run.runner, table.name, where, 'backfill');
  const fixed = typeof change.values === 'function' ? undefined : normalizeRow(table, change.values);
  const sort = Object.fromEntries(key.map((k) => [k, 1]));
  let after: Document | undefined;
  let done = 0;
  let written = 0;
  for (;;) {
    const filter = after ? { $and: [where, after] } : where;
    const reply = await runCommand(run.runner, { find: table.name, filter, sort, limit: change.batchSize, singleBatch: true }, { op: 'backfill' });
    const batch = ((reply.cursor as { firstBatch?: Document[] } | undefined)?.firstBatch ?? []);
    if (batch.length === 0) break;
    const updates: Document[] = [];
    for (const doc of batch) {
      const row = readRow(table, doc);
      const values = fixed ?? computed(change, table, row);
      if (!values || Object.entries(values).every(([name, value]) => sameValue(row[name], value))) continue;
      updates.push({ q: Object.fromEntries(key.map((k) => [k, doc[k]])), u: { $set: toDocument(table, values) } });
    }
    if (updates.length > 0) {
      await runCommand(run.runner, { update: table.name, updates, ordered: true }, { op: 'backfill' });
      written += updates.length;
    }
    done += batch.length;
    run.onProgress?.({ operation: 'backfill', table: table.name, done, total });
    after = keysetAfter(key, batch[batch.length - 1]!);
    if (batch.length < change.batchSize) break;
    if (change.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, change.pauseMs));
  }
  return { rows: written };
}

/** The documents after `last` in key order: (k1 > a) or (k1 = a and k2 > b) … */
function keysetAfter(key: readonly string[], last: Document): Document {
  const branches = key.map((k, i) => ({ ...Object.fromEntries(key.slice(0, i).map((p) => [p, last[p]])), [k]: { $gt: last[k] } }));
  return branches.length === 1 ? branches[0]! : { $or: branches };
}

function readRow(table: TableSnapshot, doc: Document): Record<string, DataValue> {
  const row: Record<string, DataValue> = {};
  for (const c of table.columns) row[c.name] = fromDocumentValue(c, doc[c.name]);
  return row;
}

function computed(change: Backfill, table: TableSnapshot, row: Row): Record<string, DataValue> | undefined {
  const values = (change.values as (row: Row) => Row | undefined)(row);
  return values === undefined ? undefined : normalizeRow(table, values);
}
