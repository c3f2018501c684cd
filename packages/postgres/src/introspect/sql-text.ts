/**
 * Helpers to read the SQL text PostgreSQL deparses (`pg_get_expr`, `pg_get_constraintdef`):
 * string literals are single-quoted with '' for a quote (standard_conforming_strings is on).
 */

/** `readStringLiteral` reads the literal starting at `text[start]` (a quote): its value and where it ends. */
export function readStringLiteral(text: string, start: number): { value: string; end: number } | undefined {
  if (text[start] !== "'") return undefined;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'") {
      if (text[i + 1] === "'") { value += "'"; i += 2; continue; }
      return { value, end: i + 1 };
    }
    value += ch;
    i++;
  }
  return undefined;
}

/** `wrappedInParens` tells whether the whole of `text` is one parenthesised expression. */
export function wrappedInParens(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") {
      const lit = readStringLiteral(text, i);
      if (!lit) return false;
      i = lit.end - 1;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth === 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}

/** `unwrap` removes parentheses around the whole of `text`, as many levels as there are. */
export function unwrap(text: string): string {
  let t = text.trim();
  while (wrappedInParens(t)) t = t.slice(1, -1).trim();
  return t;
}
