import type { ColumnSnapshot, IndexSnapshot, TableSnapshot } from '@tidemark/core';
import { fieldPath } from '../document.js';
import type { CountCheck, DuplicateCheck } from '../apply/plan.js';
import type { Conversion } from '../convert/conversion.js';
import type { Expression } from '../convert/convert-value.js';

const target = (table: TableSnapshot, column: string): string => `${table.name}.${column}`;

/**
 * `notNullCheck` refuses to make a column NOT NULL while documents hold null in it or lack it
 * (missing reads as null). A default does not fill them, as in SQL: fill them first.
 */
export function notNullCheck(table: TableSnapshot, column: string): CountCheck {
  return {
    kind: 'count', check: 'not null', target: target(table, column), collection: table.name,
    match: { [column]: null }, show: [...table.primaryKey, column],
    hint: `fill the nulls first (db.execute({ update: '${table.name}', updates: [{ q: { '${column}': null }, u: { $set: { '${column}': … } }, multi: true }] })) or keep the column nullable`,
  };
}

/** `newColumnCheck` refuses a NOT NULL column with neither default nor back-fill on a collection with documents. */
export function newColumnCheck(table: TableSnapshot, column: ColumnSnapshot): CountCheck {
  return {
    kind: 'count', check: 'not null', target: target(table, column.name), collection: table.name,
    match: {}, show: table.primaryKey,
    hint: 'give the column a default, or pass { backfill } to addColumn for the existing documents',
  };
}

/** `conversionCheck` refuses an alterColumn while values do not convert to the new type or do not fit it. */
export function conversionCheck(table: TableSnapshot, column: string, conversion: Pick<Conversion, 'check' | 'hint' | 'failing'>): CountCheck {
  return {
    kind: 'count', check: conversion.check, target: target(table, column), collection: table.name,
    match: conversion.failing, show: [...table.primaryKey, column], hint: conversion.hint,
  };
}

/**
 * `duplicateCheck` refuses a unique index (or key) over `columns` while documents repeat their
 * values, each column read through `expressions` when given (its value after a type change).
 * For a unique index, documents where a column is null are left out, as the index (partial,
 * see index-spec.ts) leaves them out; the key index is not partial, so nothing is left out.
 */
export function duplicateCheck(table: TableSnapshot, columns: readonly string[], options: {
  readonly check: string; readonly hint: string; readonly partial: boolean; readonly expressions?: ReadonlyMap<string, Expression>;
}): DuplicateCheck {
  return {
    kind: 'duplicates', check: options.check, target: `${table.name} (${columns.join(', ')})`, collection: table.name,
    match: options.partial ? Object.fromEntries(columns.map((c) => [c, { $ne: null }])) : {},
    group: Object.fromEntries(columns.map((c) => [c, options.expressions?.get(c) ?? fieldPath(c)])),
    hint: options.hint,
  };
}

/** `uniqueIndexesOver` lists the key and the unique indexes of `table` that use `column`. */
export function uniqueIndexesOver(table: TableSnapshot, column: string): { readonly columns: readonly string[]; readonly check: string; readonly partial: boolean }[] {
  const key = table.primaryKey.includes(column) ? [{ columns: table.primaryKey, check: 'primary key', partial: false }] : [];
  const unique = table.indexes.filter((i: IndexSnapshot) => i.unique && i.columns.includes(column))
    .map((i) => ({ columns: i.columns, check: `unique ${i.name}`, partial: true }));
  return [...key, ...unique];
}
