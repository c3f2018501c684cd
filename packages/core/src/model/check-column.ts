import { modelInvalid, type SourceLocation } from '../errors/factories.js';
import type { PortableType } from '../snapshot/portable-type.js';
import { isDefaultNow, type ColumnDefault } from '../snapshot/schema-snapshot.js';

/** The most digits PostgreSQL, MySQL and MongoDB's decimal agree on (MySQL's DECIMAL stops at 65). */
const MAX_PRECISION = 65;
const I32 = { min: -2147483648, max: 2147483647 };

/** What `checkColumn` looks at: the column as the model asks for it. */
export interface ColumnToCheck {
  readonly name: string;
  readonly type: PortableType;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly default?: ColumnDefault;
}

const TYPE_OF_DEFAULT: Partial<Record<PortableType, 'number' | 'integer' | 'string' | 'boolean'>> = {
  i32: 'integer', i64: 'integer', f64: 'number', decimal: 'number',
  string: 'string', text: 'string', uuid: 'string', enum: 'string', date: 'string', timestamp: 'string',
  boolean: 'boolean',
};

/**
 * `checkColumn` refuses column options no database can honour, for both readers (the static one
 * and `readLoadedModels`), so they agree: an empty name, a length, precision or scale that is not
 * a positive whole number, a scale larger than its precision, and a default whose JavaScript type
 * does not fit the column (`count: number = 'x'`, which TypeScript would refuse but the static
 * reader only parses). Each would otherwise become a migration that fails on the database, or,
 * worse, one that silently stores something else.
 */
export function checkColumn(at: SourceLocation, c: ColumnToCheck): void {
  if (c.name.trim() === '') throw modelInvalid(at, 'the column name is empty', 'remove @Column({ name: "" }), or give it a name');
  if (c.length !== undefined && !(Number.isInteger(c.length) && c.length > 0)) {
    throw modelInvalid(at, `length ${c.length} is not a positive whole number`, 'write @Column({ length: 80 }), or leave length out for 255');
  }
  for (const key of ['precision', 'scale'] as const) {
    const v = c[key];
    const ok = v === undefined || (Number.isInteger(v) && v >= (key === 'precision' ? 1 : 0) && v <= MAX_PRECISION);
    if (!ok) throw modelInvalid(at, `${key} ${v} is not a whole number from ${key === 'precision' ? 1 : 0} to ${MAX_PRECISION}`, `fix @Column({ ${key} })`);
  }
  if (c.precision !== undefined && c.scale !== undefined && c.scale > c.precision) {
    throw modelInvalid(at, `scale ${c.scale} is larger than precision ${c.precision}`,
      'scale counts the digits after the point among the precision digits: e.g. @Column({ precision: 10, scale: 2 })');
  }
  checkDefault(at, c);
}

function checkDefault(at: SourceLocation, c: ColumnToCheck): void {
  const def = c.default;
  if (def === undefined || isDefaultNow(def)) return; // Default.now is checked against the type by the caller
  const wanted = TYPE_OF_DEFAULT[c.type];
  if (wanted === undefined) return; // json and bytes: any literal is stored as written
  // A decimal may be written as a numeric string ('9.99'): that keeps digits a double would round.
  const decimalText = c.type === 'decimal' && typeof def === 'string' && /^-?\d+(\.\d+)?$/.test(def);
  const fits = decimalText || (wanted === 'integer' ? Number.isInteger(def) : typeof def === wanted && (wanted !== 'number' || Number.isFinite(def)));
  if (!fits) {
    throw modelInvalid(at, `default ${JSON.stringify(def)} does not fit column type ${c.type} (it needs ${wanted === 'integer' ? 'a whole number' : `a ${wanted}`})`,
      'make the default match the property type, or change the type');
  }
  if (c.type === 'i32' && ((def as number) < I32.min || (def as number) > I32.max)) {
    throw modelInvalid(at, `default ${def} is out of the i32 range`, 'use bigint for the property, or a smaller default');
  }
  if (c.type === 'string' && c.length !== undefined && (def as string).length > c.length) {
    throw modelInvalid(at, `default ${JSON.stringify(def)} is longer than the column's length ${c.length}`, 'shorten the default or raise @Column({ length })');
  }
}
