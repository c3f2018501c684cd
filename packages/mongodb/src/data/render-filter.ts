import { normalizeValue, type DataValue, type Predicate, type TableSnapshot } from '@tidemark/core';
import type { Document } from '../document.js';
import { toDocumentValue } from './document-values.js';

/**
 * `renderFilter` renders core's `Predicate` as a MongoDB query filter. A comparison never matches
 * a missing or null field, as in SQL: `ne` also requires the field to be non-null.
 */
export function renderFilter(predicate: Predicate, table: TableSnapshot): Document {
  const value = (column: string, v: DataValue): unknown => {
    const c = table.columns.find((x) => x.name === column)!;
    return toDocumentValue(c, normalizeValue(table.name, { ...c, nullable: true }, v));
  };
  switch (predicate.kind) {
    case 'and': return predicate.items.length === 0 ? {} : { $and: predicate.items.map((p) => renderFilter(p, table)) };
    case 'or': return predicate.items.length === 0 ? { _id: { $exists: false } } : { $or: predicate.items.map((p) => renderFilter(p, table)) };
    case 'null': return { [predicate.column]: predicate.isNull ? null : { $ne: null } };
    case 'in': return { [predicate.column]: { $in: predicate.values.map((v) => value(predicate.column, v)) } };
    case 'compare': {
      const operand = value(predicate.column, predicate.value);
      if (predicate.operator === 'ne') return { $and: [{ [predicate.column]: { $ne: operand } }, { [predicate.column]: { $ne: null } }] };
      return { [predicate.column]: { [`$${predicate.operator}`]: operand } };
    }
  }
}
