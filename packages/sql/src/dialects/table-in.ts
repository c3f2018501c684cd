import { findTable, internalError, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';

/**
 * `tableIn` is a table of the schema a dialect renders against. `applyOperation` has already
 * refused an operation on a missing table, so reaching the throw is a bug; the three dialects
 * share this one lookup.
 */
export function tableIn(snapshot: SchemaSnapshot, name: string): TableSnapshot {
  const t = findTable(snapshot, name);
  if (!t) throw internalError(`table ${name} vanished while rendering`);
  return t;
}
