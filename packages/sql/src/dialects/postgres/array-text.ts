import type { ScalarDefault } from '@tidemark/core';

/**
 * `renderArrayText` writes a list as PostgreSQL's array input text: `{"a","b c"}`, `{1,2}`,
 * `{t,f}`; every string element double-quoted with `"` and `\` escaped, so commas, braces, spaces
 * and the word NULL stay plain text (https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO).
 */
export function renderArrayText(values: readonly ScalarDefault[]): string {
  const element = (v: ScalarDefault): string => (typeof v === 'string' ? `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v));
  return `{${values.map(element).join(',')}}`;
}

/**
 * `parseArrayText` reads a one-dimensional array's text (as `renderArrayText` writes it, or as
 * PostgreSQL prints it: `{a,"b c",NULL}`) into its element texts; `undefined` for anything else.
 * An unquoted NULL is `null`.
 */
export function parseArrayText(text: string): (string | null)[] | undefined {
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  const body = text.slice(1, -1);
  const out: (string | null)[] = [];
  if (body === '') return out;
  let i = 0;
  for (;;) {
    if (body[i] === '"') {
      let value = '';
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        value += body[i] ?? '';
        i++;
      }
      if (body[i] !== '"') return undefined;
      out.push(value);
      i++;
    } else {
      const end = body.indexOf(',', i);
      const raw = (end === -1 ? body.slice(i) : body.slice(i, end)).trim();
      if (raw === '' || /[{}"]/.test(raw)) return undefined;
      out.push(raw.toUpperCase() === 'NULL' ? null : raw);
      i = end === -1 ? body.length : end;
    }
    if (i === body.length) return out;
    if (body[i] !== ',') return undefined;
    i++;
  }
}
