import type { AttributeValue, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { ExpressionBuilder, itemExists } from '../expressions.js';
import type { Rewrite } from './step.js';

/** `RewriteValues` are the values one item's update carries (absent while rendering a dry run). */
export interface RewriteValues {
  /** `fill`: the value to store. */
  readonly fill?: AttributeValue;
  /** `convert`: the value stored now, and the one to store instead. */
  readonly old?: AttributeValue;
  readonly new?: AttributeValue;
}

/** `RewriteRequest` is the UpdateItem of one item, without its table and key. */
export interface RewriteRequest {
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/**
 * `rewriteRequest` is the conditional UpdateItem a rewrite makes of each item. Every condition
 * first requires the item to still exist (an UpdateItem on a deleted key would create an item
 * holding only the key and the new attribute), then:
 * - fill: only where the attribute is still missing, so a concurrent writer's value is kept;
 * - rename: only where the old attribute exists;
 * - convert: only where the value is still the one that was read and converted.
 */
export function rewriteRequest(rewrite: Rewrite, key: readonly string[], values: RewriteValues): RewriteRequest {
  const e = new ExpressionBuilder();
  const exists = itemExists(e, key);
  let update: string;
  let condition: string;
  switch (rewrite.kind) {
    case 'fill': {
      const c = e.name(rewrite.column.name);
      update = `SET ${c} = ${e.value(values.fill ?? { NULL: true })}`;
      condition = `${exists} AND attribute_not_exists(${c})`;
      break;
    }
    case 'rename': {
      const from = e.name(rewrite.from);
      update = `SET ${e.name(rewrite.to)} = ${from} REMOVE ${from}`;
      condition = `${exists} AND attribute_exists(${from})`;
      break;
    }
    case 'remove':
      update = `REMOVE ${e.name(rewrite.column)}`;
      condition = exists;
      break;
    case 'convert': {
      const c = e.name(rewrite.column.name);
      update = `SET ${c} = ${e.value(values.new ?? { NULL: true })}`;
      condition = `${exists} AND ${c} = ${e.value(values.old ?? { NULL: true })}`;
      break;
    }
  }
  return { UpdateExpression: update, ConditionExpression: condition, ...e.parts() };
}

/**
 * `rewriteScan` is the Scan that feeds a rewrite: only the key (and the column, for a conversion)
 * is read, and only items the rewrite concerns are returned.
 */
export function rewriteScan(rewrite: Rewrite, table: string, key: readonly string[]): ScanCommandInput {
  const e = new ExpressionBuilder();
  const column = rewrite.kind === 'fill' || rewrite.kind === 'convert' ? rewrite.column.name : rewrite.kind === 'rename' ? rewrite.from : rewrite.column;
  const projection = e.projection(rewrite.kind === 'convert' ? [...key, column] : key);
  const filter = rewrite.kind === 'fill' ? `attribute_not_exists(${e.name(column)})` : `attribute_exists(${e.name(column)})`;
  return { TableName: table, ProjectionExpression: projection, FilterExpression: filter, ...e.parts() };
}
