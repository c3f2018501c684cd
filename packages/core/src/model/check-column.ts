import { modelInvalid, type SourceLocation } from '../errors/factories.js';
import { ELEMENT_TYPES, isElementType, isPortableType, PORTABLE_TYPES, type ColumnType, type ElementType, type PortableType } from '../snapshot/portable-type.js';
import { isDefaultNow, isListDefault, type ColumnDefault } from '../snapshot/schema-snapshot.js';

/** The most digits PostgreSQL, MySQL and MongoDB's decimal agree on (MySQL's DECIMAL stops at 65). */
const MAX_PRECISION = 65;
const I32 = { min: -2147483648, max: 2147483647 };

/** What `checkColumn` looks at: the column as the model (or a migration step) asks for it. */
export interface ColumnToCheck {
  readonly name: string;
  readonly type: ColumnType;
  /** `array` only: the element type. */
  readonly items?: ElementType;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly default?: ColumnDefault;
}

/** A column that cannot be created, and what to do about it. */
export interface ColumnProblem {
  readonly problem: string;
  readonly hint: string;
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
  const p = columnProblem(c);
  if (p) throw modelInvalid(at, p.problem, p.hint);
}

/**
 * `columnProblem` is what `checkColumn` refuses, without a source location, plus a type that is
 * not portable: migration steps (`createTable`, `addColumn`, `alterColumn`) are checked with it,
 * since a hand-written step may misspell the type, which SQLite would accept without a word.
 * `defaults: false` leaves the default alone (what a backend makes of it is its own check).
 */
export function columnProblem(c: ColumnToCheck, options: { readonly defaults?: boolean } = {}): ColumnProblem | undefined {
  if (typeof c.name !== 'string' || c.name.trim() === '') return { problem: 'the column name is empty', hint: 'give the column a name' };
  if (c.type === 'array') {
    if (!isElementType(c.items)) return { problem: `column ${c.name}: an array of ${JSON.stringify(c.items)} cannot be stored`, hint: `give items one of ${ELEMENT_TYPES.join(', ')}` };
  } else if (!isPortableType(c.type)) {
    return { problem: `column ${c.name}: unknown type ${JSON.stringify(c.type)}`, hint: `use one of ${PORTABLE_TYPES.join(', ')}, or array with items` };
  } else if (c.items !== undefined) {
    return { problem: `column ${c.name}: items belongs to array columns, not ${c.type}`, hint: 'remove items, or make the type array' };
  }
  if (c.length !== undefined && !(Number.isInteger(c.length) && c.length > 0)) {
    return { problem: `length ${c.length} is not a positive whole number`, hint: 'write @Column({ length: 80 }), or leave length out for 255' };
  }
  for (const key of ['precision', 'scale'] as const) {
    const v = c[key];
    const min = key === 'precision' ? 1 : 0;
    if (v !== undefined && !(Number.isInteger(v) && v >= min && v <= MAX_PRECISION)) {
      return { problem: `${key} ${v} is not a whole number from ${min} to ${MAX_PRECISION}`, hint: `fix @Column({ ${key} })` };
    }
  }
  if (c.precision !== undefined && c.scale !== undefined && c.scale > c.precision) {
    return {
      problem: `scale ${c.scale} is larger than precision ${c.precision}`,
      hint: 'scale counts the digits after the point among the precision digits: e.g. @Column({ precision: 10, scale: 2 })',
    };
  }
  return options.defaults === false ? undefined : defaultProblem(c);
}

function defaultProblem(c: ColumnToCheck): ColumnProblem | undefined {
  const def = c.default;
  if (def === undefined || isDefaultNow(def)) return undefined; // Default.now is checked against the type where it is read
  if (c.type === 'array') {
    if (!isListDefault(def)) return { problem: `default ${JSON.stringify(def)} of array column ${c.name} is not a list`, hint: "write a list literal: @Default(['a', 'b']) or = []" };
    for (const element of def) {
      const p = scalarDefaultProblem({ ...c, type: c.items!, default: element });
      if (p) return { problem: `list default: ${p.problem}`, hint: p.hint };
    }
    return undefined;
  }
  if (isListDefault(def)) return { problem: `a list default fits only an array column, not ${c.type}`, hint: "make the column an array (@Column({ type: 'string[]' })), or give one value" };
  return scalarDefaultProblem({ ...c, type: c.type, default: def });
}

function scalarDefaultProblem(c: ColumnToCheck & { readonly type: PortableType; readonly default: string | number | boolean }): ColumnProblem | undefined {
  const def = c.default;
  const wanted = TYPE_OF_DEFAULT[c.type];
  if (wanted === undefined) return undefined; // json and bytes: any literal is stored as written
  // A decimal may be written as a numeric string ('9.99'): that keeps digits a double would round.
  const decimalText = c.type === 'decimal' && typeof def === 'string' && /^-?\d+(\.\d+)?$/.test(def);
  const fits = decimalText || (wanted === 'integer' ? Number.isInteger(def) : typeof def === wanted && (wanted !== 'number' || Number.isFinite(def)));
  const hint = 'make the default match the property type, or change the type';
  if (!fits) {
    return { problem: `default ${JSON.stringify(def)} does not fit column type ${c.type} (it needs ${wanted === 'integer' ? 'a whole number' : `a ${wanted}`})`, hint };
  }
  if (c.type === 'i32' && ((def as number) < I32.min || (def as number) > I32.max)) {
    return { problem: `default ${def} is out of the i32 range`, hint: 'use bigint for the property, or a smaller default' };
  }
  if (c.type === 'string' && c.length !== undefined && (def as string).length > c.length) {
    return { problem: `default ${JSON.stringify(def)} is longer than the column's length ${c.length}`, hint: "shorten the default or raise @Column({ length })" };
  }
  return undefined;
}
