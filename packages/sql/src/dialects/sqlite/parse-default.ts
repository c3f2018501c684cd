import type { ColumnDefault, ColumnType } from '@tidemark/core';
import { tokenizeSql } from './tokenize.js';

const NOW = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME']);

/**
 * `parseDefault` turns the `dflt_value` of `PRAGMA table_info` (the default's SQL text) back into
 * a snapshot default, the inverse of `renderDefault`: a quoted literal is a string, a number is a
 * number (a boolean for a boolean column, stored 0/1), TRUE/FALSE are booleans, CURRENT_TIMESTAMP
 * and CURRENT_DATE are `{ fn: 'now' }`. NULL and expressions Tidemark never writes read as no default.
 */
export function parseDefault(text: string | null, type: ColumnType): ColumnDefault | undefined {
  if (text === null) return undefined;
  let tokens = tokenizeSql(text).filter((t) => t.kind !== 'comment');
  while (tokens.length >= 2 && tokens[0]!.text === '(' && tokens[tokens.length - 1]!.text === ')') tokens = tokens.slice(1, -1);
  let sign = 1;
  if (tokens.length === 2 && (tokens[0]!.text === '-' || tokens[0]!.text === '+')) {
    sign = tokens[0]!.text === '-' ? -1 : 1;
    tokens = tokens.slice(1);
  }
  if (tokens.length !== 1) return undefined;
  const t = tokens[0]!;
  switch (t.kind) {
    case 'string': return sign !== 1 ? undefined : type === 'array' ? listOf(t.value) : t.value;
    case 'number': {
      const n = sign * Number(t.value);
      if (type === 'boolean' && (n === 0 || n === 1)) return n === 1;
      return n;
    }
    case 'word':
      if (NOW.has(t.value)) return { fn: 'now' };
      if (t.value === 'TRUE' || t.value === 'FALSE') return t.value === 'TRUE';
      return undefined;
    default:
      return undefined;
  }
}

/** An array column's default: the JSON list `renderValue` wrote; anything else is no default Tidemark wrote. */
function listOf(text: string): ColumnDefault | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v)) ? value as ColumnDefault : undefined;
  } catch {
    return undefined;
  }
}
