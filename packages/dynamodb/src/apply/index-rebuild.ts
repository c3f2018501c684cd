import { findTable, type IndexSnapshot, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';
import { attributeDefinitions, globalSecondaryIndex } from '../table-definition.js';
import type { Step } from './step.js';

/** `createIndexStep` creates one index of `table` (as it is after the operation). */
export function createIndexStep(table: TableSnapshot, index: IndexSnapshot): Step {
  return {
    kind: 'createIndex',
    table: table.name,
    attributeDefinitions: attributeDefinitions(table, [...table.primaryKey, ...index.columns]),
    index: globalSecondaryIndex(index),
  };
}

/**
 * `aroundIndexes` wraps `steps` (a rewrite of a column) in the deletion and re-creation of the
 * indexes whose key must change with it: a GSI names its key attributes and their types, and
 * DynamoDB cannot change either in place, nor accept an item whose index key has the wrong type.
 * The indexes are absent while the items are rewritten, and back (ACTIVE) when the step ends.
 */
export function aroundIndexes(before: TableSnapshot, after: SchemaSnapshot, afterName: string, indexes: readonly string[], steps: readonly Step[]): Step[] {
  if (indexes.length === 0) return [...steps];
  const table = findTable(after, afterName)!;
  const sorted = [...indexes].sort();
  return [
    ...sorted.map((index): Step => ({ kind: 'deleteIndex', table: before.name, index })),
    ...steps,
    ...sorted.map((name) => createIndexStep(table, table.indexes.find((i) => i.name === name)!)),
  ];
}
