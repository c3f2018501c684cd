import {
  dataTable, describeDataChange, keysPredicate, normalizeRow, rowsToInsert, parsePredicate, sameValue, TidemarkError,
  type Backfill, type ColumnSnapshot, type DataChange, type DataResult, type DataValue, type Insert,
  type ProgressListener, type Row, type SchemaSnapshot, type TableSnapshot, type Update,
} from '@tidemark/core';
import type { SqlExecutor, SqlValue } from '../sql-executor.js';
import { renderPredicate, type Rendered } from './render-predicate.js';
import type { SqlDataDialect } from './sql-data-dialect.js';

/** `DataRun` is what running a data change on a SQL database needs. */
export interface DataRun {
  readonly executor: SqlExecutor;
  readonly quote: (name: string) => string;
  readonly data: SqlDataDialect;
  /** The live schema: column types decide how each value is written and read back. */
  readonly schema: SchemaSnapshot;
  readonly onProgress?: ProgressListener | undefined;
}

/** Parameters per INSERT statement, well under every dialect's limit (SQLite: 32766). */
const MAX_PARAMS = 5000;

/** `runDataChange` runs an insert, update or back-fill on a SQL database (one code for the three dialects). */
export async function runDataChange(change: DataChange, run: DataRun): Promise<DataResult> {
  const table = dataTable(run.schema.tables, change.table);
  switch (change.kind) {
    case 'insert': return insert(change, table, run);
    case 'update': return update(change, table, run);
    case 'backfill': return backfill(change, table, run);
  }
}

async function insert(change: Insert, table: TableSnapshot, run: DataRun): Promise<DataResult> {
  const given = change.rows.map((r) => normalizeRow(table, r));
  const rows = change.skipExisting ? rowsToInsert(table, given, await existingKeys(run, table, given)) : given;
  // rows naming the same columns share a statement; a column a row leaves out gets its default
  const groups = new Map<string, Record<string, DataValue>[]>();
  for (const row of rows) {
    const key = Object.keys(row).join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const group of groups.values()) {
    const columns = Object.keys(group[0]!).map((name) => column(table, name));
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Math.max(1, columns.length)));
    for (let start = 0; start < group.length; start += perStatement) {
      const chunk = group.slice(start, start + perStatement);
      const params: SqlValue[] = [];
      const tuples = chunk.map((row) => `(${columns.map((c) => {
        params.push(run.data.toSqlValue(c, row[c.name]!));
        return run.data.placeholder(params.length, c);
      }).join(', ')})`);
      const names = columns.map((c) => run.quote(c.name)).join(', ');
      const sql = columns.length === 0
        ? `INSERT INTO ${run.quote(table.name)} DEFAULT VALUES`
        : `INSERT INTO ${run.quote(table.name)} (${names}) VALUES ${tuples.join(', ')}`;
      await run.executor.run(sql, { params, op: 'insert' });
    }
  }
  return { rows: rows.length };
}

/** The keys among `rows`' that the table already holds, read 500 at a time. */
async function existingKeys(run: DataRun, table: TableSnapshot, rows: readonly Record<string, DataValue>[]): Promise<Record<string, DataValue>[]> {
  const found: Record<string, DataValue>[] = [];
  for (let start = 0; start < rows.length; start += 500) {
    rowsToInsert(table, rows.slice(start, start + 500), []);
    const where = renderPredicate(keysPredicate(table, rows.slice(start, start + 500)), table, run.data, run.quote, 1);
    const keys = table.primaryKey.map((k) => run.quote(k)).join(', ');
    for (const raw of await run.executor.all(`SELECT ${keys} FROM ${run.quote(table.name)} WHERE ${where.sql}`, where.params)) {
      found.push(Object.fromEntries(table.primaryKey.map((k) => [k, run.data.fromSqlValue(column(table, k), raw[k])])));
    }
  }
  return found;
}

async function update(change: Update, table: TableSnapshot, run: DataRun): Promise<DataResult> {
  const set = normalizeRow(table, change.set);
  const columns = Object.keys(set).map((name) => column(table, name));
  if (columns.length === 0) throw nothingToSet(change);
  const params: SqlValue[] = [];
  const assignments = columns.map((c) => {
    params.push(run.data.toSqlValue(c, set[c.name]!));
    return `${run.quote(c.name)} = ${run.data.placeholder(params.length, c)}`;
  });
  const where = renderPredicate(parsePredicate(change.where, table), table, run.data, run.quote, params.length + 1);
  // the count is read first, under the migration's lock, so every driver reports it the same way
  const counted = renderPredicate(parsePredicate(change.where, table), table, run.data, run.quote, 1);
  const rows = await count(run, table, counted);
  await run.executor.run(`UPDATE ${run.quote(table.name)} SET ${assignments.join(', ')} WHERE ${where.sql}`, { params: [...params, ...where.params], op: 'update' });
  return { rows };
}

/**
 * A back-fill reads `batchSize` rows at a time in key order after the last key it read
 * (keyset pagination: each read is short, whatever the table's size), computes each row's
 * values, and writes only the rows whose values change, in one statement per batch. Rows already
 * holding their values are read but not written, which is how a run interrupted part-way resumes:
 * it starts again and only writes the rest.
 */
async function backfill(change: Backfill, table: TableSnapshot, run: DataRun): Promise<DataResult> {
  const key = table.primaryKey.map((name) => column(table, name));
  if (key.length === 0) {
    throw new TidemarkError('TM_UNSUPPORTED_OPERATION', {
      message: `cannot back-fill ${table.name}: it has no primary key to walk the rows in order`,
      hint: `give ${table.name} a primary key first, or use db.update('${table.name}', values, where) for a single statement`,
      details: { table: table.name },
    });
  }
  const predicate = parsePredicate(change.where, table);
  const total = await count(run, table, renderPredicate(predicate, table, run.data, run.quote, 1));
  const fixed = typeof change.values === 'function' ? undefined : normalizeRow(table, change.values);
  let cursor: SqlValue[] | undefined;
  let done = 0;
  let written = 0;
  for (;;) {
    const batch = await readBatch(run, table, key, predicate, cursor, change.batchSize);
    if (batch.length === 0) break;
    const changes: { key: SqlValue[]; changed: Record<string, DataValue>; merged: Record<string, DataValue> }[] = [];
    for (const raw of batch) {
      const row = readRow(table, raw, run.data);
      const values = fixed ?? computed(change, table, row);
      if (!values) continue;
      if (Object.entries(values).every(([name, value]) => sameValue(row[name], value))) continue;
      changes.push({ key: key.map((c) => run.data.toSqlValue(c, row[c.name]!)), changed: values, merged: { ...row, ...values } });
    }
    if (changes.length > 0) {
      // the columns any row of the batch changes; a row that leaves one alone writes its own value back
      const set = table.columns.filter((c) => !table.primaryKey.includes(c.name) && changes.some((ch) => c.name in ch.changed));
      const params = changes.flatMap((ch) => [...ch.key, ...set.map((c) => run.data.toSqlValue(c, ch.merged[c.name] ?? null))]);
      await run.executor.run(run.data.renderBatchUpdate(table.name, key, set, changes.length), { params, op: 'backfill' });
      written += changes.length;
    }
    done += batch.length;
    run.onProgress?.({ operation: 'backfill', table: table.name, done, total });
    const last = readRow(table, batch[batch.length - 1]!, run.data);
    cursor = key.map((c) => run.data.toSqlValue(c, last[c.name]!));
    if (batch.length < change.batchSize) break;
    if (change.pauseMs > 0) await pause(change.pauseMs);
  }
  return { rows: written };
}

function computed(change: Backfill, table: TableSnapshot, row: Row): Record<string, DataValue> | undefined {
  const values = (change.values as (row: Row) => Row | undefined)(row);
  return values === undefined ? undefined : normalizeRow(table, values);
}

async function readBatch(run: DataRun, table: TableSnapshot, key: readonly ColumnSnapshot[], predicate: ReturnType<typeof parsePredicate>, cursor: readonly SqlValue[] | undefined, limit: number): Promise<Record<string, unknown>[]> {
  const where = renderPredicate(predicate, table, run.data, run.quote, 1);
  const params: SqlValue[] = [...where.params];
  let after = '';
  if (cursor) {
    const marks = key.map((c, i) => { params.push(cursor[i]!); return run.data.placeholder(params.length, c); });
    const names = key.map((c) => run.quote(c.name));
    after = key.length === 1 ? ` AND ${names[0]} > ${marks[0]}` : ` AND (${names.join(', ')}) > (${marks.join(', ')})`;
  }
  const order = key.map((c) => run.quote(c.name)).join(', ');
  return run.executor.all(`SELECT * FROM ${run.quote(table.name)} WHERE (${where.sql})${after} ORDER BY ${order} LIMIT ${Math.max(1, Math.floor(limit))}`, params);
}

function readRow(table: TableSnapshot, raw: Record<string, unknown>, data: SqlDataDialect): Record<string, DataValue> {
  const row: Record<string, DataValue> = {};
  for (const c of table.columns) row[c.name] = raw[c.name] === null || raw[c.name] === undefined ? null : data.fromSqlValue(c, raw[c.name]);
  return row;
}

async function count(run: DataRun, table: TableSnapshot, where: Rendered): Promise<number> {
  const [row] = await run.executor.all<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${run.quote(table.name)} WHERE ${where.sql}`, where.params);
  return Number(row?.n ?? 0);
}

function column(table: TableSnapshot, name: string): ColumnSnapshot {
  return table.columns.find((c) => c.name === name)!;
}

function nothingToSet(change: Update): TidemarkError {
  return new TidemarkError('TM_MIGRATION_INVALID', {
    message: `${describeDataChange(change)}: nothing to set`,
    hint: 'name at least one column and its new value',
    details: { table: change.table },
  });
}

/** @tidemark/sql runs on any JavaScript runtime (no `node:` types): the timer is the global one. */
function pause(ms: number): Promise<void> {
  const timers = globalThis as unknown as { setTimeout(run: () => void, ms: number): unknown };
  return new Promise((resolve) => { timers.setTimeout(resolve, ms); });
}
