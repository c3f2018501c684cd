import { findTable, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';

/** `PlanContext` is what planning one operation knows: the database and the schema around it. */
export interface PlanContext {
  readonly databaseName: string;
  readonly before: SchemaSnapshot;
  readonly after: SchemaSnapshot;
}

/** `tableIn` returns a table the reducer has already checked exists. */
export function tableIn(snapshot: SchemaSnapshot, name: string): TableSnapshot {
  return findTable(snapshot, name)!;
}
