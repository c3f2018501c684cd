import {
  DECIMAL_SCALE_CHECK, decimalScaleHint, findColumn, NUMBER_TEXT_CHECK, numberTextHint, precheckFailed, type TableSnapshot, type TidemarkError, valueType } from '@tidemark/core';
import { keyAttributeType } from '../attribute-types.js';
import type { Check } from '../apply/step.js';
import { ExpressionBuilder } from '../expressions.js';
import type { DynamoGateway } from '../gateway.js';
import { scanPages, type Item } from '../scan.js';
import { convertValue } from '../values/convert-value.js';
import { isNullish, sameAttributeValue } from '../values/attribute-value.js';
import { SAMPLE_SIZE, Tally } from './samples.js';

const OP = 'precheck';

/** Items lacking `column`, or holding DynamoDB's NULL there. */
async function checkNotNull(db: DynamoGateway, table: TableSnapshot, column: string, hint: string): Promise<TidemarkError[]> {
  const e = new ExpressionBuilder();
  const c = e.name(column);
  const input = { TableName: table.name, ProjectionExpression: e.projection(table.primaryKey), FilterExpression: `attribute_not_exists(${c}) OR attribute_type(${c}, ${e.value({ S: 'NULL' })})`, ...e.parts() };
  const tally = new Tally();
  for await (const page of scanPages(db, input, OP)) for (const item of page) tally.add(table, item, [column]);
  return tally.count > 0 ? [precheckFailed('not null', `${table.name}.${column}`, tally.count, tally.samples, hint)] : [];
}

/** The values of `columns` an item holds, as one comparable text; undefined when one is missing (like SQL NULLs, missing values never collide). */
function tupleOf(item: Item, columns: readonly string[]): string | undefined {
  const values = columns.map((c) => item[c]);
  return values.some(isNullish) ? undefined : JSON.stringify(values);
}

/** Counts the items whose `columns` values repeat; `rewrite` sees each item's value as it will be. */
async function checkUnique(db: DynamoGateway, table: TableSnapshot, columns: readonly string[], check: string, hint: string,
  rewrite: (item: Item) => void = () => undefined): Promise<TidemarkError[]> {
  const e = new ExpressionBuilder();
  const input = { TableName: table.name, ProjectionExpression: e.projection([...table.primaryKey, ...columns]), ...e.parts() };
  // per distinct value: how many items hold it, and the first few of them (not every item: tables can be big)
  const groups = new Map<string, { n: number; first: Item[] }>();
  for await (const page of scanPages(db, input, OP)) {
    for (const item of page) {
      rewrite(item);
      const tuple = tupleOf(item, columns);
      if (tuple === undefined) continue;
      const group = groups.get(tuple) ?? { n: 0, first: [] };
      group.n++;
      if (group.first.length < SAMPLE_SIZE) group.first.push(item);
      groups.set(tuple, group);
    }
  }
  const tally = new Tally();
  for (const { n, first } of groups.values()) {
    if (n < 2) continue;
    for (const item of first) tally.add(table, item, columns);
    tally.count += n - first.length;
  }
  return tally.count > 0 ? [precheckFailed(check, `${table.name} (${columns.join(', ')})`, tally.count, tally.samples, hint)] : [];
}

/** The order conversion failures are reported in: the SQL backends' check order, whatever order the Scan finds items in. */
const CHECK_ORDER = [
  'numeric text', NUMBER_TEXT_CHECK, 'boolean values', 'uuid values', 'date values', 'timestamp values', 'json values',
  'integer range', 'decimal precision', DECIMAL_SCALE_CHECK, 'string length', 'enum values', 'convert values',
];
const rank = (check: string): number => (CHECK_ORDER.includes(check) ? CHECK_ORDER.indexOf(check) : CHECK_ORDER.length);

/** The hint of a failed conversion check: core's for the narrowing rule, the general one otherwise. */
function convertHint(check: string, from: TableSnapshot['columns'][number], to: TableSnapshot['columns'][number]): string {
  const fix = `db.execute({ command: 'UpdateItem', input: { … } }) in an earlier migration`;
  if (check === NUMBER_TEXT_CHECK) return numberTextHint(valueType(to), fix);
  if (check === DECIMAL_SCALE_CHECK) return decimalScaleHint(to.scale ?? 0, fix);
  return `change or clear those values first (${fix}), or keep the column ${from.type}`;
}

/**
 * Every value must convert; a key value must not change; converted values must keep unique
 * indexes unique. Items that do not convert are counted per check (as the SQL backends name
 * theirs), and the unique indexes are checked only when every value converts.
 */
async function checkConvert(db: DynamoGateway, table: TableSnapshot, check: Extract<Check, { kind: 'convert' }>): Promise<TidemarkError[]> {
  const { from, to } = check;
  const isKey = table.primaryKey.includes(from.name);
  const e = new ExpressionBuilder();
  const input = { TableName: table.name, ProjectionExpression: e.projection([...table.primaryKey, from.name]), FilterExpression: `attribute_exists(${e.name(from.name)})`, ...e.parts() };
  const tallies = new Map<string, Tally>();
  const tally = (name: string): Tally => tallies.get(name) ?? tallies.set(name, new Tally()).get(name)!;
  for await (const page of scanPages(db, input, OP)) {
    for (const item of page) {
      const result = convertValue(item[from.name]!, to);
      if ('problem' in result) tally(result.check).add(table, item, [from.name], result.problem);
      else if (check.indexed && (result.value.S === '' || result.value.B?.length === 0)) tally('convert values').add(table, item, [from.name], 'would be empty, which DynamoDB cannot index');
      else if (isKey && !sameAttributeValue(result.value, item[from.name])) tally('convert values').add(table, item, [from.name], 'is a key value, which DynamoDB cannot change');
    }
  }
  if (tallies.size > 0) {
    return [...tallies].sort(([a], [b]) => rank(a) - rank(b)).map(([name, t]) => precheckFailed(name, `${table.name}.${from.name} (${from.type} → ${to.type})`, t.count, t.samples, convertHint(name, from, to)));
  }
  const failures: TidemarkError[] = [];
  for (const index of check.uniques) {
    failures.push(...await checkUnique(db, table, index.columns, `unique ${index.name}`, `converted to ${to.type}, these values would repeat; change them first, or drop the unique index`,
      (item) => {
        const v = item[from.name];
        if (v === undefined) return;
        const result = convertValue(v, to);
        if ('value' in result) item[from.name] = result.value;
      }));
  }
  return failures;
}

/** Values an index cannot hold: an empty string or byte string, or another attribute type than the column's. */
async function checkIndexKeys(db: DynamoGateway, table: TableSnapshot, columns: readonly string[]): Promise<TidemarkError[]> {
  const e = new ExpressionBuilder();
  const input = { TableName: table.name, ProjectionExpression: e.projection([...table.primaryKey, ...columns]), ...e.parts() };
  const expected = new Map(columns.map((c) => [c, keyAttributeType(valueType(findColumn(table, c)!))]));
  const tally = new Tally();
  for await (const page of scanPages(db, input, OP)) {
    for (const item of page) {
      for (const c of columns) {
        const v = item[c];
        if (isNullish(v)) continue;
        const type = v!.S !== undefined ? 'S' : v!.N !== undefined ? 'N' : v!.B !== undefined ? 'B' : undefined;
        const problem = type !== expected.get(c) ? `${c} does not hold a ${expected.get(c)} value`
          : v!.S === '' || v!.B?.length === 0 ? `${c} is empty, which DynamoDB cannot index` : undefined;
        if (problem) { tally.add(table, item, columns, problem); break; }
      }
    }
  }
  return tally.count === 0 ? [] : [precheckFailed('index keys', `${table.name} (${columns.join(', ')})`, tally.count, tally.samples,
    'give those items a value DynamoDB can index (not empty, of the column\'s type) first: DynamoDB would leave them out of the index and refuse every later update of them')];
}

/**
 * `checkItems` runs one data precheck with a consistent Scan of the table, reading only, and
 * returns its failures: TM_PRECHECK_FAILED with the number of items refused and up to five
 * samples (their key, the value and why). `apply` throws the first, before anything of the
 * operation changes; `precheck` returns them all.
 */
export async function checkItems(db: DynamoGateway, table: TableSnapshot, check: Check): Promise<TidemarkError[]> {
  switch (check.kind) {
    case 'notNull':
      return checkNotNull(db, table, check.column,
        `give those items a value first (db.execute({ command: 'UpdateItem', … })), or keep ${check.column} nullable`);
    case 'noItems':
      // the column is new, so every existing item lacks it
      return checkNotNull(db, table, check.column, 'give the column a default, or pass { backfill } to addColumn for the existing items');
    case 'convert': return checkConvert(db, table, check);
    case 'indexKeys': return checkIndexKeys(db, table, check.index.columns);
    case 'unique':
      return checkUnique(db, table, check.index.columns, 'unique', 'remove or change the duplicate items first, or make the index non-unique');
  }
}
