import { TidemarkError } from '../errors/tidemark-error.js';
import type { ColumnSnapshot, TableSnapshot } from '../snapshot/schema-snapshot.js';
import type { DataValue, Row } from './data-value.js';

/**
 * `normalizeValue` is the one rule for which JavaScript value a column of each portable type
 * takes in a data step, and the canonical form every backend then converts from: integers as
 * number or bigint, decimals as exact strings, dates and timestamps as `Date` (a `date` column
 * also takes 'YYYY-MM-DD'), json as any JSON value, bytes as `Uint8Array`. A value that does not
 * fit is TM_MIGRATION_INVALID before anything is written.
 */
export function normalizeValue(table: string, column: ColumnSnapshot, value: DataValue): DataValue {
  if (value === null) {
    if (!column.nullable) throw valueInvalid(table, column, value, 'the column is NOT NULL');
    return null;
  }
  const wrong = (expected: string): TidemarkError => valueInvalid(table, column, value, `expected ${expected}`);
  switch (column.type) {
    case 'i32': case 'i64':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw wrong('an integer (number or bigint)');
    case 'f64':
      if (typeof value === 'number') return value;
      throw wrong('a number');
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return canonicalDecimal(String(value));
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return canonicalDecimal(value);
      throw wrong('a decimal as a string or number, e.g. "12.50"');
    case 'string': case 'text': case 'uuid':
      if (typeof value === 'string') return value;
      throw wrong('a string');
    case 'enum':
      if (typeof value === 'string' && (column.values ?? []).includes(value)) return value;
      throw wrong(`one of ${(column.values ?? []).join(', ')}`);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw wrong('true or false');
    case 'date': case 'timestamp': {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
      throw wrong('a Date or an ISO date string');
    }
    case 'json':
      return value;
    case 'bytes':
      if (value instanceof Uint8Array) return value;
      throw wrong('a Uint8Array or Buffer');
    case 'array':
      // each backend stores lists its own way (native arrays, JSON text, BSON); data steps do not
      // write them yet, so say so before anything is written rather than store a wrong spelling
      throw valueInvalid(table, column, value, 'data steps do not write array columns yet; set it with db.execute in this backend\'s own syntax');
  }
}

/**
 * `normalizeRow` checks every column of `row` exists in `table` and normalises its value; the
 * result keeps the row's column order.
 */
export function normalizeRow(table: TableSnapshot, row: Row): Record<string, DataValue> {
  const out: Record<string, DataValue> = {};
  for (const [name, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const column = table.columns.find((c) => c.name === name);
    if (!column) {
      throw new TidemarkError('TM_MIGRATION_INVALID', {
        message: `${table.name} has no column ${name}`,
        hint: `use the stored column names (snake_case): ${table.columns.map((c) => c.name).join(', ')}`,
        details: { table: table.name, column: name },
      });
    }
    out[name] = normalizeValue(table.name, column, value);
  }
  return out;
}

/** `dataTable` finds the table a data step names, or refuses it with the tables there are. */
export function dataTable(tables: readonly TableSnapshot[], name: string): TableSnapshot {
  const table = tables.find((t) => t.name === name);
  if (table) return table;
  throw new TidemarkError('TM_MIGRATION_INVALID', {
    message: `a data step names table ${name}, which does not exist at that point of the migrations`,
    hint: `create it in an earlier step, or use one of: ${tables.map((t) => t.name).join(', ') || '(no tables yet)'}`,
    details: { table: name },
  });
}

/** `sameValue` tells whether a stored value (normalised) already equals the value a step would write. */
export function sameValue(a: DataValue | undefined, b: DataValue | undefined): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: DataValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Date) return `d:${value.getTime()}`;
  if (value instanceof Uint8Array) return `b:${Array.from(value, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  if (typeof value === 'bigint' || typeof value === 'number') return `n:${String(value)}`;
  if (typeof value === 'object') return `j:${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`;
  return `${typeof value}:${String(value)}`;
}

function valueInvalid(table: string, column: ColumnSnapshot, value: DataValue, problem: string): TidemarkError {
  const shown = value instanceof Uint8Array ? `${value.length} bytes` : typeof value === 'bigint' ? `${value}n` : JSON.stringify(value);
  return new TidemarkError('TM_MIGRATION_INVALID', {
    message: `${table}.${column.name} (${column.type}) cannot take ${shown}: ${problem}`,
    hint: `pass a value of the column's type (README: "Data changes" lists what each type takes)`,
    details: { table, column: column.name, type: column.type },
  });
}

/** `canonicalDecimal` spells a decimal one way ('12.50' and '12.5' are the same value): no trailing zeros. */
export function canonicalDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
