import { TidemarkError } from '../errors/tidemark-error.js';
import type { TableSnapshot } from '../snapshot/schema-snapshot.js';
import type { DataValue } from './data-value.js';

/** `Comparison` is the condition on one column; several keys in one object all hold (and). */
export interface Comparison {
  readonly eq?: DataValue;
  readonly ne?: DataValue;
  readonly gt?: DataValue;
  readonly gte?: DataValue;
  readonly lt?: DataValue;
  readonly lte?: DataValue;
  readonly in?: readonly DataValue[];
  /** `true`: the column is NULL; `false`: it is not. */
  readonly isNull?: boolean;
}

/**
 * `Where` is the portable condition of `update` and `backfill`, as plain data: each key is a
 * column (a value means equality, `null` means IS NULL, an object is a `Comparison`), all keys
 * hold together; `$and` / `$or` combine nested conditions. `{}` matches every row.
 * @example { status: 'old', age: { gt: 3 }, $or: [{ role: 'admin' }, { deleted_at: null }] }
 */
export type Where = {
  readonly $and?: readonly Where[];
  readonly $or?: readonly Where[];
} & { readonly [column: string]: DataValue | Comparison | readonly Where[] | undefined };

/** `CompareOperator` is a comparison every backend can evaluate. */
export type CompareOperator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

/** `Predicate` is a `Where` normalised into a tree each backend renders (SQL, a MongoDB filter, a DynamoDB expression). */
export type Predicate =
  | { readonly kind: 'compare'; readonly column: string; readonly operator: CompareOperator; readonly value: DataValue }
  | { readonly kind: 'in'; readonly column: string; readonly values: readonly DataValue[] }
  | { readonly kind: 'null'; readonly column: string; readonly isNull: boolean }
  | { readonly kind: 'and'; readonly items: readonly Predicate[] }
  | { readonly kind: 'or'; readonly items: readonly Predicate[] };

const OPERATORS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'isNull']);

/**
 * `parsePredicate` turns a `Where` into a `Predicate`, refusing (TM_MIGRATION_INVALID) a column
 * the table does not have or an operator the language does not know, before anything runs.
 */
export function parsePredicate(where: Where, table: TableSnapshot): Predicate {
  const items: Predicate[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) throw whereInvalid(table.name, `${key} must be a list of conditions`);
      const nested = (value as readonly Where[]).map((w) => parsePredicate(w, table));
      items.push({ kind: key === '$and' ? 'and' : 'or', items: nested });
      continue;
    }
    if (!table.columns.some((c) => c.name === key)) {
      throw whereInvalid(table.name, `column ${key} does not exist (columns: ${table.columns.map((c) => c.name).join(', ')})`);
    }
    const json = table.columns.find((c) => c.name === key)!.type === 'json';
    items.push(...columnCondition(table.name, key, value as DataValue | Comparison, json));
  }
  return items.length === 1 ? items[0]! : { kind: 'and', items };
}

function columnCondition(table: string, column: string, value: DataValue | Comparison, json: boolean): Predicate[] {
  if (value === null) return [{ kind: 'null', column, isNull: true }];
  if (!isComparison(value, json)) return [{ kind: 'compare', column, operator: 'eq', value: value as DataValue }];
  const out: Predicate[] = [];
  for (const [operator, operand] of Object.entries(value)) {
    if (!OPERATORS.has(operator)) throw whereInvalid(table, `unknown operator ${operator} on ${column} (use ${[...OPERATORS].join(', ')})`);
    if (operand === undefined) continue;
    if (operator === 'isNull') out.push({ kind: 'null', column, isNull: operand === true });
    else if (operator === 'in') {
      if (!Array.isArray(operand)) throw whereInvalid(table, `in on ${column} must be a list`);
      out.push({ kind: 'in', column, values: operand as DataValue[] });
    } else if (operand === null) out.push({ kind: 'null', column, isNull: operator === 'eq' });
    else out.push({ kind: 'compare', column, operator: operator as CompareOperator, value: operand as DataValue });
  }
  return out;
}

/**
 * A plain object is a comparison (its keys must be operators); a Date, an array or bytes are
 * values. On a json column, an object whose keys are not all operators is a value to compare.
 */
function isComparison(value: unknown, json: boolean): value is Comparison {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date || value instanceof Uint8Array) return false;
  const keys = Object.keys(value);
  return !json || (keys.length > 0 && keys.every((k) => OPERATORS.has(k)));
}

function whereInvalid(table: string, problem: string): TidemarkError {
  return new TidemarkError('TM_MIGRATION_INVALID', {
    message: `the condition on ${table} is not valid: ${problem}`,
    hint: "write it as plain data: { column: value, other: { gt: 3 }, $or: [{ a: 1 }, { b: null }] } (operators: eq, ne, gt, gte, lt, lte, in, isNull)",
    details: { table },
  });
}

/** `matchesPredicate` evaluates a predicate on a row in JavaScript (a backend that filters after reading: DynamoDB, fakes). */
export function matchesPredicate(predicate: Predicate, row: Readonly<Record<string, unknown>>): boolean {
  switch (predicate.kind) {
    case 'and': return predicate.items.every((p) => matchesPredicate(p, row));
    case 'or': return predicate.items.some((p) => matchesPredicate(p, row));
    case 'null': return (row[predicate.column] === null || row[predicate.column] === undefined) === predicate.isNull;
    case 'in': return predicate.values.some((v) => compare(row[predicate.column], v) === 0);
    case 'compare': {
      const actual = row[predicate.column];
      if (actual === null || actual === undefined) return false;
      const order = compare(actual, predicate.value);
      switch (predicate.operator) {
        case 'eq': return order === 0;
        case 'ne': return order !== 0;
        case 'gt': return order > 0;
        case 'gte': return order >= 0;
        case 'lt': return order < 0;
        case 'lte': return order <= 0;
      }
    }
  }
}

function compare(a: unknown, b: unknown): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x === 'number' || typeof y === 'number' || typeof x === 'bigint') {
    const nx = Number(x); const ny = Number(y);
    return nx === ny ? 0 : nx < ny ? -1 : 1;
  }
  const sx = String(x); const sy = String(y);
  return sx === sy ? 0 : sx < sy ? -1 : 1;
}
