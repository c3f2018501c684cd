import { findTable, type CreateTable, type DropTable, type RenameTable, type SchemaSnapshot } from '@tidemark/core';
import { createTableInput } from '../table-definition.js';
import type { Step } from './step.js';

/** `planCreateTable`: CreateTable with every index as a GSI, then wait until all are ACTIVE. */
export function planCreateTable(operation: CreateTable): Step[] {
  return [{ kind: 'createTable', input: createTableInput(operation.table) }];
}

/** `planDropTable`: DeleteTable (the items go with it), then wait until it is gone. */
export function planDropTable(operation: DropTable): Step[] {
  return [{ kind: 'deleteTable', table: operation.table }];
}

/**
 * `planRenameTable`: DynamoDB cannot rename a table, so the rename is a copy: a new table with
 * the same key and indexes (waited for until ACTIVE), every item copied into it, then the old
 * table deleted. Writes made to the old table during the copy may be missed: stop the
 * application's writes while it runs (README, "renameTable").
 */
export function planRenameTable(operation: RenameTable, after: SchemaSnapshot): Step[] {
  const renamed = findTable(after, operation.to)!;
  return [
    { kind: 'createTable', input: createTableInput(renamed) },
    { kind: 'copy', from: operation.from, to: operation.to },
    { kind: 'deleteTable', table: operation.from },
  ];
}
