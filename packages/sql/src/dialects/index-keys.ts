import type { IndexSnapshot } from '@tidemark/core';

/**
 * `renderIndexKeys` renders an index's key list, shared by the three dialects: each column
 * (through `column`, which quotes it and adds what the dialect needs, e.g. MySQL's prefix length)
 * with its operator class, DESC and NULLS FIRST/LAST; or the parenthesised expression of an
 * expression index. The backends have already refused options they cannot build
 * (core's check-keys-and-indexes.ts), so what is here is what they accept.
 */
export function renderIndexKeys(index: IndexSnapshot, column: (name: string) => string): string {
  if (index.expression !== undefined) return `(${index.expression})`;
  return index.columns.map((name) => {
    const o = index.keyOptions?.[name];
    return [column(name), o?.ops, o?.order === 'desc' ? 'DESC' : undefined, o?.nulls ? `NULLS ${o.nulls.toUpperCase()}` : undefined]
      .filter((x) => x !== undefined).join(' ');
  }).join(', ');
}

/** `renderIndexWhere` renders the ` WHERE …` of a partial index, or nothing. */
export function renderIndexWhere(index: IndexSnapshot): string {
  return index.where !== undefined ? ` WHERE ${index.where}` : '';
}
