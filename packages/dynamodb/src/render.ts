import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describeDataChange, isDataChange, isDefaultNow, type Operation, type SchemaSnapshot } from '@tidemark/core';
import { planOperation } from './apply/plan-operation.js';
import { rewriteRequest, rewriteScan } from './apply/rewrite-request.js';
import type { Check, Step } from './apply/step.js';
import { renderStatement } from './execute.js';
import { toAttributeValue } from './values/attribute-value.js';

/** JSON with Uint8Array shown as base64, as the AWS CLI shows B values. */
const json = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));

function describeCheck(check: Check, table: string): string {
  switch (check.kind) {
    case 'notNull': return `every item of ${table} holds ${check.column} (it becomes NOT NULL)`;
    case 'noItems': return `${table} has no items (${check.column} is NOT NULL and has no default or back-fill)`;
    case 'convert': return `every ${check.from.name} value of ${table} converts from ${check.from.type} to ${check.to.type}`
      + `${check.uniques.length > 0 ? ` and stays unique in ${check.uniques.map((u) => u.name).join(', ')}` : ''}`;
    case 'unique': return `no two items of ${table} share (${check.index.columns.join(', ')})`;
    case 'indexKeys': return `every (${check.index.columns.join(', ')}) value of ${table} can be an index key (its declared type, not empty)`;
  }
}

/**
 * `renderStep` prints a step as the DynamoDB requests it makes, for `--dry-run`: API name and
 * request JSON, with `--` lines for what happens around them (checks, waits, per-item passes).
 * Deterministic: the same step always prints the same text.
 */
export function renderStep(step: Step): string[] {
  switch (step.kind) {
    case 'check':
      return [`-- check (Scan ${step.table.name}): ${describeCheck(step.check, step.table.name)}; otherwise stop with counts and sample items, changing nothing`];
    case 'createTable':
      return [`CreateTable ${json(step.input)}`, `-- wait until table ${step.input.TableName} and its indexes are ACTIVE`];
    case 'deleteTable':
      return [`DeleteTable ${json({ TableName: step.table })}`, `-- wait until table ${step.table} is gone`];
    case 'createIndex':
      return [`UpdateTable ${json({ TableName: step.table, AttributeDefinitions: step.attributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: step.index }] })}`,
        `-- wait until index ${step.index.IndexName} of ${step.table} is ACTIVE (DynamoDB back-fills it)`];
    case 'deleteIndex':
      return [`UpdateTable ${json({ TableName: step.table, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: step.index } }] })}`,
        `-- wait until index ${step.index} of ${step.table} is gone`];
    case 'rewrite': {
      const r = step.rewrite;
      let fill: AttributeValue | undefined;
      if (r.kind === 'fill') fill = isDefaultNow(r.value) ? { S: '<the current time, ISO-8601>' } : toAttributeValue(r.value, r.column);
      const request = rewriteRequest(r, step.key, r.kind === 'convert' ? { old: { S: '<the value read>' }, new: { S: `<it, as ${r.column.type}>` } } : fill ? { fill } : {});
      return [`Scan ${json(rewriteScan(r, step.table, step.key))}`, `UpdateItem (each item scanned) ${json({ TableName: step.table, Key: '<its key>', ...request })}`];
    }
    case 'copy':
      return [`Scan ${json({ TableName: step.from, ConsistentRead: true })}`, `BatchWriteItem (each item scanned, 25 at a time) ${json({ RequestItems: { [step.to]: '<PutRequest of each item>' } })}`];
    case 'saveMetadata':
      return [`PutItem ${json({ TableName: '_tidemark_schema', Item: { table: { S: step.table.name }, definition: { S: '<the table\'s columns, index flags and foreign keys, as JSON>' } } })}`];
    case 'deleteMetadata':
      return [`DeleteItem ${json({ TableName: '_tidemark_schema', Key: { table: { S: step.table } } })}`];
  }
}

/**
 * `renderOperation` returns the requests `apply` (or `execute`) would make for `operation` on a
 * database whose schema is `before`: what `--dry-run` prints, and what `dynamodbBackend.render`
 * gives without a connection.
 */
export function renderOperation(operation: Operation, before: SchemaSnapshot): string[] {
  if (operation.kind === 'execute') return [renderStatement(operation.statement)];
  if (isDataChange(operation)) return [`// ${describeDataChange(operation)}`];
  return planOperation(operation, before).steps.flatMap(renderStep);
}
