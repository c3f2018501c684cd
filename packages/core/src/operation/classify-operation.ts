import { findColumn, findTable, type ColumnSnapshot, type SchemaSnapshot } from '../snapshot/schema-snapshot.js';
import type { Operation } from './operations.js';

/** `WarningCode` is a stable code for a destructive step. */
export type WarningCode = 'TM_W_DROP_TABLE' | 'TM_W_DROP_COLUMN' | 'TM_W_NARROW_TYPE' | 'TM_W_DROP_KEY';

/** `Warning` marks a destructive step; applying it needs `--allow-destructive`. */
export interface Warning {
  readonly code: WarningCode;
  readonly message: string;
}

const WIDENINGS: Record<string, readonly string[]> = {
  i32: ['i64', 'f64', 'decimal', 'text'],
  i64: ['decimal', 'text'],
  f64: ['text'],
  decimal: ['text'],
  string: ['text'],
  uuid: ['text'],
  enum: ['text'],
  date: ['timestamp', 'text'],
  timestamp: ['text'],
  boolean: ['i32', 'i64', 'text'],
};

/**
 * `isNarrowing` tells whether changing a column from `from` to `to` can lose or reject
 * existing values: a shorter string, smaller precision, fewer enum values, or a type
 * conversion that is not a plain widening.
 */
export function isNarrowing(from: ColumnSnapshot, to: ColumnSnapshot): boolean {
  if (from.type === to.type) {
    switch (from.type) {
      case 'string': return (to.length ?? 255) < (from.length ?? 255);
      case 'decimal': return (to.precision ?? 10) < (from.precision ?? 10) || (to.scale ?? 2) < (from.scale ?? 2)
        || (to.precision ?? 10) - (to.scale ?? 2) < (from.precision ?? 10) - (from.scale ?? 2);
      case 'enum': return (from.values ?? []).some((v) => !(to.values ?? []).includes(v));
      default: return false;
    }
  }
  if (to.type === 'string') {
    // a string wide enough for every value of the source type is a widening
    const widths: Record<string, number> = { uuid: 36, enum: Math.max(0, ...(from.values ?? []).map((v) => v.length)) };
    const need = widths[from.type];
    return need === undefined || (to.length ?? 255) < need;
  }
  return !(WIDENINGS[from.type] ?? []).includes(to.type);
}

/**
 * `classifyOperation` returns the destructive warnings of one step, given the schema just
 * before it: dropping a table or column, a narrowing type change, dropping key columns.
 */
export function classifyOperation(operation: Operation, before: SchemaSnapshot): Warning[] {
  switch (operation.kind) {
    case 'dropTable':
      return [{ code: 'TM_W_DROP_TABLE', message: `drops table ${operation.table} and all its rows` }];
    case 'dropColumn':
      return [{ code: 'TM_W_DROP_COLUMN', message: `drops column ${operation.table}.${operation.column} and its values` }];
    case 'alterColumn': {
      const table = findTable(before, operation.table);
      const from = table && findColumn(table, operation.column);
      if (from && isNarrowing(from, operation.to)) {
        return [{ code: 'TM_W_NARROW_TYPE', message: `narrows ${operation.table}.${operation.column} (${describeColumnType(from)} → ${describeColumnType(operation.to)}); values that do not fit stop the migration` }];
      }
      return [];
    }
    case 'alterPrimaryKey': {
      const table = findTable(before, operation.table);
      const dropped = (table?.primaryKey ?? []).filter((c) => !operation.columns.includes(c));
      return dropped.length > 0
        ? [{ code: 'TM_W_DROP_KEY', message: `removes ${dropped.join(', ')} from the key of ${operation.table}` }]
        : [];
    }
    default:
      return [];
  }
}

/** `describeColumnType` renders a column's type for messages: `string(40)`, `decimal(10,2)`. */
export function describeColumnType(c: ColumnSnapshot): string {
  if (c.type === 'string') return `string(${c.length ?? 255})`;
  if (c.type === 'decimal') return `decimal(${c.precision ?? 10},${c.scale ?? 2})`;
  if (c.type === 'enum') return `enum(${(c.values ?? []).join('|')})`;
  return c.type;
}
