import { findTable, type CreateIndex, type DropIndex, type SchemaSnapshot } from '@tidemark/core';
import { createIndexStep } from './index-rebuild.js';
import type { Step } from './step.js';

/**
 * `planCreateIndex`: one global secondary index (first column the partition key, second the sort
 * key, every attribute projected) added with UpdateTable, then waited for until ACTIVE: DynamoDB
 * builds it in the background (CREATING, back-filling) and takes one index change at a time.
 * Items whose value DynamoDB cannot index (an empty string, a value of another type) are refused
 * first: DynamoDB would leave them out of the index and refuse every later update of them. An
 * application-enforced unique index is checked for duplicates first; DynamoDB will not keep it unique.
 */
export function planCreateIndex(operation: CreateIndex, before: SchemaSnapshot, after: SchemaSnapshot): Step[] {
  const table = findTable(after, operation.table)!;
  const live = findTable(before, operation.table)!;
  const steps: Step[] = [{ kind: 'check', table: live, check: { kind: 'indexKeys', index: operation.index } }];
  if (operation.index.unique) steps.push({ kind: 'check', table: live, check: { kind: 'unique', index: operation.index } });
  return [...steps, createIndexStep(table, operation.index)];
}

/** `planDropIndex`: UpdateTable deleting the index, then wait until it is gone. */
export function planDropIndex(operation: DropIndex): Step[] {
  return [{ kind: 'deleteIndex', table: operation.table, index: operation.index }];
}
