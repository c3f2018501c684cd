import type { ColumnSnapshot } from '../snapshot/schema-snapshot.js';

/** `ColumnChange` names one aspect of a column that an `alterColumn` changes. */
export type ColumnChange = 'type' | 'nullable' | 'default' | 'length' | 'precision' | 'values' | 'autoIncrement';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `columnChanges` lists what differs between two definitions of a column (names aside). */
export function columnChanges(from: ColumnSnapshot, to: ColumnSnapshot): ColumnChange[] {
  const changes: ColumnChange[] = [];
  if (from.type !== to.type || from.items !== to.items) changes.push('type');
  if (from.nullable !== to.nullable) changes.push('nullable');
  if (!same(from.default, to.default)) changes.push('default');
  if (from.length !== to.length) changes.push('length');
  if (from.precision !== to.precision || from.scale !== to.scale) changes.push('precision');
  if (!same(from.values, to.values)) changes.push('values');
  if (Boolean(from.autoIncrement) !== Boolean(to.autoIncrement)) changes.push('autoIncrement');
  return changes;
}
