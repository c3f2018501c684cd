import { comparableSnapshot, diffSnapshots, type Capabilities, type Operation, type SchemaSnapshot } from '@tidemark/core';
import { withoutExcluded } from './exclude-tables.js';

/**
 * `findDrift` is what it would take to turn `expected` (the schema the applied migrations, or
 * the models, say the database has) into `live` (what introspection read), both in the
 * backend's comparable form (model names, column order and identifier shortening left out),
 * the tables `excluded` names left out of both. No operation means no drift. `migrate:check
 * --url` and `migrate:baseline` use this one comparison.
 */
export async function findDrift(expected: SchemaSnapshot, live: SchemaSnapshot, capabilities: Capabilities, excluded: (table: string) => boolean = () => false): Promise<Operation[]> {
  const side = (s: SchemaSnapshot) => comparableSnapshot(withoutExcluded(s, excluded), capabilities);
  return diffSnapshots(side(expected), side(live), { renames: { mode: 'none' } });
}
