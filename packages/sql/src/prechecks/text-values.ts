import { valueType } from '@tidemark/core';
import type { PortableType } from '@tidemark/core';
import { FALSE_SPELLINGS, TRUE_SPELLINGS } from '../boolean-spellings.js';
import { alteredColumn } from './altered-column.js';
import { NUMBER_SOURCES, type SqlCheck } from './sql-check.js';

/**
 * `utf8Text` refuses turning bytes into any other type while values are not text the conversion
 * can decode (PostgreSQL's `convert_from(…, 'UTF8')` fails on them). Every check after it that
 * reads bytes as text would fail too, so it blocks them.
 */
export const utf8Text: SqlCheck = {
  name: 'utf8 text',
  blocking: true,
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    if (!a || a.from.type !== 'bytes' || a.to.type === 'bytes') return [];
    const decodes = p.decodes?.(a.from);
    if (decodes === undefined) return [];
    return [{ kind: 'rows', check: 'utf8 text', table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL AND NOT ${decodes}`,
      hint: 'these bytes are not UTF-8 text; change or clear them first, or keep the column as bytes' }];
  },
};

const PARSE_HINTS: Partial<Record<PortableType, string>> = {
  uuid: 'change those rows to UUIDs (8-4-4-4-12 hex digits) first, or clear them',
  date: "change those rows to dates written 'YYYY-MM-DD' first, or clear them",
  timestamp: "change those rows to times written 'YYYY-MM-DD HH:MM:SS' first, or clear them",
  json: 'change those rows to valid JSON text first (a string needs its quotes: \'"text"\'), or clear them',
};

/**
 * `parsesAs` refuses a change to uuid, date, timestamp or json while values are not ones the
 * database reads as such ('soon' as a date, 'abc' as a uuid, '{"a"' as JSON), wherever the
 * dialect's conversion parses text (see `CheckPredicates.parses`).
 */
export const parsesAs: SqlCheck = {
  name: 'parses as',
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    const parses = a && a.from.type !== a.to.type ? p.parses?.(a.from, a.to) : undefined;
    if (!a || parses === undefined) return [];
    return [{ kind: 'rows', check: `${a.to.type} values`, table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL AND NOT ${parses}`, ...(p.parsesSetup ? { setup: p.parsesSetup } : {}),
      hint: PARSE_HINTS[valueType(a.to)] ?? `change those rows to valid ${a.to.type} values first, or clear them` }];
  },
};

/**
 * `booleanValues` refuses turning a column into a boolean while it holds a value that is not one
 * of the usual spellings of true and false (boolean-spellings.ts, any case); numbers convert as
 * non-zero → true, so they always fit.
 */
export const booleanValues: SqlCheck = {
  name: 'boolean values',
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    if (!a || a.to.type !== 'boolean' || NUMBER_SOURCES.includes(valueType(a.from))) return [];
    const spellings = [...TRUE_SPELLINGS, ...FALSE_SPELLINGS].map((v) => p.literal(v)).join(', ');
    return [{ kind: 'rows', check: 'boolean values', table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL AND LOWER(${p.text(a.from)}) NOT IN (${spellings})`,
      hint: `change those rows to true/false (or 1/0) first, e.g. db.execute("UPDATE … SET … = 'true' WHERE …")` }];
  },
};

/**
 * `stringLength` refuses a change to `string(n)` while values, as the text they become, are
 * longer than n characters. SQLite does not enforce VARCHAR(n) (https://www.sqlite.org/datatype3.html),
 * but the model and the other backends do, so the length is a promise Tidemark keeps.
 */
export const stringLength: SqlCheck = {
  name: 'string length',
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    const to = a && p.sized(a.to);
    if (!a || !to || to.type !== 'string' || to.length === undefined) return [];
    const from = p.sized(a.from);
    if (from.type === 'string' && from.length !== undefined && from.length <= to.length) return [];
    return [{ kind: 'rows', check: 'string length', table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL AND ${p.charLength(p.text(a.from))} > ${to.length}`,
      hint: `shorten the values to ${to.length} characters first, or keep the column longer` }];
  },
};

/** `enumValues` refuses a change to an enum while rows hold a value it does not allow. */
export const enumValues: SqlCheck = {
  name: 'enum values',
  queries(operation, before, p) {
    const a = alteredColumn(operation, before);
    if (!a || a.to.type !== 'enum') return [];
    const allowed = a.to.values ?? [];
    if (a.from.type === 'enum' && (a.from.values ?? []).every((v) => allowed.includes(v))) return [];
    // an enum without values allows only NULL (`IN ()` is not valid SQL everywhere)
    const outside = allowed.length === 0 ? '1 = 1' : `${p.text(a.from)} NOT IN (${allowed.map((v) => p.literal(v)).join(', ')})`;
    return [{ kind: 'rows', check: 'enum values', table: a.table, columns: [a.from.name], target: a.target,
      where: `${p.quote(a.from.name)} IS NOT NULL AND ${outside}`,
      hint: `change those rows to one of ${allowed.join(', ') || '(no values)'} first, or keep the removed values` }];
  },
};
