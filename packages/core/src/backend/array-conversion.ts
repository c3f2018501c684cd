import { unsupportedOperation } from '../errors/factories.js';
import type { ColumnSnapshot } from '../snapshot/schema-snapshot.js';

const describe = (c: ColumnSnapshot): string => (c.type === 'array' ? `${c.items}[]` : c.type);
const ELEMENT_FACETS = ['items', 'length', 'precision', 'scale'] as const;

/**
 * `refuseArrayConversion` is the conversion rule for array columns: there is none. Turning a
 * column into an array or back (json → string[] included), or changing what an array holds (its
 * element type, length, precision, scale or enum values), has no exact conversion every backend
 * can count and check (a PostgreSQL cast of each element, json on SQLite and MySQL, BSON arrays,
 * DynamoDB lists), so it is refused before anything is generated or applied, with the way to do
 * it by hand. Nullability and the default of an array column change like any other column's.
 * `who` names the backend (or Tidemark itself, when generating without a target).
 */
export function refuseArrayConversion(who: string, table: string, from: ColumnSnapshot, to: ColumnSnapshot): void {
  if (from.type !== 'array' && to.type !== 'array') return;
  const same = from.type === to.type && ELEMENT_FACETS.every((k) => from[k] === to[k])
    && JSON.stringify(from.values ?? []) === JSON.stringify(to.values ?? []);
  if (same) return;
  throw unsupportedOperation(who, `convert ${table}.${from.name} from ${describe(from)} to ${describe(to)}: an array column's type and elements are fixed once it is created`,
    `add a new column of the new type, copy the values over with db.execute (in the migration or a --empty one), then drop the old column; or keep ${describe(from)}`);
}
