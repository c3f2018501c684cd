import { findColumn, findTable, type ColumnSnapshot, type SchemaOperation, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';

/** `AlteredColumn` is what a type or narrowing precheck looks at: the table and the column before and after. */
export interface AlteredColumn {
  readonly table: TableSnapshot;
  readonly from: ColumnSnapshot;
  readonly to: ColumnSnapshot;
  /** `table.column`, for messages. */
  readonly target: string;
}

/** `alteredColumn` returns the column an alterColumn changes, or undefined for other operations. */
export function alteredColumn(operation: SchemaOperation, before: SchemaSnapshot): AlteredColumn | undefined {
  if (operation.kind !== 'alterColumn') return undefined;
  const table = findTable(before, operation.table);
  const from = table && findColumn(table, operation.column);
  if (!table || !from) return undefined;
  return { table, from, to: operation.to, target: `${operation.table}.${operation.column}` };
}
