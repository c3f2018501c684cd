import type { ColumnDefault, PortableType } from '@tidemark/core';
import type { ServerFlavor } from '../server.js';

const NUMERIC_TYPES: readonly PortableType[] = ['i32', 'i64', 'f64', 'decimal', 'boolean'];
const NOW = /^(current_timestamp|now|localtimestamp|localtime)(\(\d*\))?$|^(curdate\(\)|current_date(\(\))?)$/i;

/** Undoes the escapes of a quoted SQL string body: doubled quotes and backslash escapes. */
function unescape(body: string, quote: string): string {
  const escapes: Record<string, string> = { 0: '\0', n: '\n', r: '\r', t: '\t', b: '\b', Z: '\x1a' };
  return body.replace(new RegExp(`\\\\(.)|${quote}${quote}`, 'gs'), (all, ch: string | undefined) => (ch === undefined ? quote : escapes[ch] ?? ch));
}

function hexText(hex: string): string {
  return new TextDecoder().decode(Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)));
}

/** A quoted literal, with an optional charset introducer (`_utf8mb4'x'`), as both servers print them. */
function quoted(text: string): string | undefined {
  const m = /^(?:_\w+\s*)?'(.*)'$/s.exec(text);
  if (m) return unescape(m[1]!, "'");
  const hex = /^(?:_\w+\s*)?(?:0x([0-9a-f]*)|x'([0-9a-f]*)')$/i.exec(text);
  if (hex) return hexText(hex[1] ?? hex[2] ?? '');
  return undefined;
}

function literalOf(text: string, type: PortableType): ColumnDefault | undefined {
  if (NUMERIC_TYPES.includes(type) && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) {
    const n = Number(text);
    if (type === 'boolean' && (n === 0 || n === 1)) return n === 1;
    return n;
  }
  return text;
}

/**
 * `parseDefault` turns `information_schema.COLUMNS.COLUMN_DEFAULT` back into a snapshot default,
 * the inverse of `renderDefault`. The two servers print it differently:
 * - MySQL: a literal unquoted (`x`, `2.250`), no default and DEFAULT NULL as SQL NULL, and an
 *   expression default (EXTRA says DEFAULT_GENERATED) as its text: `CURRENT_TIMESTAMP(3)`,
 *   `curdate()`, or `_utf8mb4\'long\'` for the `DEFAULT ('long')` of a TEXT column;
 * - MariaDB (10.2.7+): strings quoted (`'x'`), numbers bare, DEFAULT NULL as the word `NULL`,
 *   expressions in lower case (`current_timestamp(3)`, `curdate()`).
 * Numbers read as numbers (booleans, stored 1/0, as booleans); current-time expressions as
 * `{ fn: 'now' }`; an expression Tidemark never writes reads as no default.
 */
export function parseDefault(raw: string | null, extra: string, type: PortableType, flavor: ServerFlavor): ColumnDefault | undefined {
  if (raw === null) return undefined;
  let text = raw.trim();
  const generated = /DEFAULT_GENERATED/i.test(extra);
  if (flavor === 'mariadb' || generated) {
    while (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
    if (flavor === 'mariadb' && text === 'NULL') return undefined;
    if (NOW.test(text)) return { fn: 'now' };
    // MySQL shows the quotes of an expression's literal escaped: _utf8mb4\'long\'
    const literal = quoted(generated && flavor === 'mysql' ? text.replace(/\\'/g, "'").replace(/\\\\/g, '\\') : text);
    if (literal !== undefined) return NUMERIC_TYPES.includes(type) ? literalOf(literal, type) : literal;
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return literalOf(text, type);
    return undefined;
  }
  // MySQL 5.7 and early 8.0 print CURRENT_TIMESTAMP without DEFAULT_GENERATED
  if ((type === 'timestamp' || type === 'date') && NOW.test(text)) return { fn: 'now' };
  return literalOf(raw, type);
}
