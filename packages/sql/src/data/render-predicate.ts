import type { ColumnSnapshot, Predicate, TableSnapshot } from '@tidemark/core';
import { normalizeValue } from '@tidemark/core';
import type { SqlValue } from '../sql-executor.js';
import type { SqlDataDialect } from './sql-data-dialect.js';

/** `Rendered` is SQL text with its parameters in order. */
export interface Rendered {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

const SQL_OPERATORS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * `renderPredicate` renders core's `Predicate` as a SQL condition, parameters numbered from
 * `first`, values converted per column type like the values written. `ne` is SQL's `<>`, which
 * (like the other comparisons) never matches NULL, as in every backend's own comparisons.
 */
export function renderPredicate(predicate: Predicate, table: TableSnapshot, data: SqlDataDialect, quote: (name: string) => string, first = 1): Rendered {
  const params: SqlValue[] = [];
  const column = (name: string): ColumnSnapshot => table.columns.find((c) => c.name === name)!;
  const bind = (name: string, value: Parameters<typeof normalizeValue>[2]): string => {
    const c = column(name);
    // a condition may compare a NOT NULL column with anything: only the type matters here
    params.push(data.toSqlValue(c, normalizeValue(table.name, { ...c, nullable: true }, value)));
    return data.placeholder(first + params.length - 1, c);
  };
  const render = (p: Predicate): string => {
    switch (p.kind) {
      case 'and': return p.items.length === 0 ? '1 = 1' : p.items.map((i) => `(${render(i)})`).join(' AND ');
      case 'or': return p.items.length === 0 ? '1 = 0' : p.items.map((i) => `(${render(i)})`).join(' OR ');
      case 'null': return `${quote(p.column)} IS ${p.isNull ? '' : 'NOT '}NULL`;
      case 'in': return p.values.length === 0 ? '1 = 0' : `${quote(p.column)} IN (${p.values.map((v) => bind(p.column, v)).join(', ')})`;
      case 'compare': return `${quote(p.column)} ${SQL_OPERATORS[p.operator]} ${bind(p.column, p.value)}`;
    }
  };
  return { sql: render(predicate), params };
}
