import type { ColumnSnapshot, ScalarDefault } from '../snapshot/schema-snapshot.js';

/** `BackfillValue` is what existing rows get in a new NOT NULL column: one literal, or a list for an array column. */
export type BackfillValue = ScalarDefault | readonly ScalarDefault[];

/**
 * `backfillValue` is the value existing rows get when a NOT NULL column without a default is
 * added: the type's zero value. Generated files write it out, so a user can change it.
 * json back-fills are JSON text; an array's is the empty list.
 */
export function backfillValue(column: ColumnSnapshot): BackfillValue {
  switch (column.type) {
    case 'array': return [];
    case 'i32': case 'i64': case 'f64': case 'decimal': return 0;
    case 'boolean': return false;
    case 'uuid': return '00000000-0000-0000-0000-000000000000';
    case 'date': return '1970-01-01';
    case 'timestamp': return '1970-01-01T00:00:00.000Z';
    case 'json': return '{}';
    case 'enum': return column.values?.[0] ?? '';
    case 'string': case 'text': case 'bytes': return '';
  }
}
