import { tokenizeSql, type SqlToken } from './tokenize.js';

/** `ParsedCreateIndex` is what introspection needs from an index's CREATE INDEX text. */
export interface ParsedCreateIndex {
  /** Each key as written: a column's name or an expression's text, with `desc`. */
  readonly keys: readonly { readonly column?: string; readonly expression?: string; readonly desc: boolean }[];
  /** The partial index's predicate, as written. */
  readonly where?: string;
}

/**
 * `parseCreateIndex` reads the key list and the WHERE clause of a CREATE INDEX statement as
 * SQLite keeps it in sqlite_master (the text Tidemark or the user wrote): SQLite's pragmas give
 * columns and order, but neither the text of an expression nor a partial index's predicate.
 */
export function parseCreateIndex(sql: string): ParsedCreateIndex {
  const tokens = tokenizeSql(sql).filter((t) => t.kind !== 'comment');
  const open = tokens.findIndex((t, i) => t.text === '(' && tokens[i - 1] !== undefined && isOnTarget(tokens, i));
  const keys: { column?: string; expression?: string; desc: boolean }[] = [];
  let depth = 0;
  let part: SqlToken[] = [];
  let end = open;
  const flush = (): void => {
    let desc = false;
    const last = part.at(-1);
    if (last?.kind === 'word' && (last.value === 'ASC' || last.value === 'DESC')) { desc = last.value === 'DESC'; part = part.slice(0, -1); }
    const collate = part.findIndex((t) => t.kind === 'word' && t.value === 'COLLATE');
    if (collate >= 0) part = part.slice(0, collate);
    const only = part.length === 1 ? part[0]! : undefined;
    if (only && (only.kind === 'identifier' || only.kind === 'word')) keys.push({ column: only.kind === 'identifier' ? only.value : only.text, desc });
    else keys.push({ expression: textOf(sql, part), desc });
    part = [];
  };
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    if (t.text === ')') {
      if (depth === 0) { flush(); end = i; break; }
      depth--;
    }
    if (t.text === ',' && depth === 0) { flush(); continue; }
    part.push(t);
  }
  const where = tokens.findIndex((t, i) => i > end && t.kind === 'word' && t.value === 'WHERE');
  return { keys, ...(where >= 0 ? { where: sql.slice(tokens[where]!.start + tokens[where]!.text.length).trim().replace(/;$/, '').trim() } : {}) };
}

/** Whether the `(` at `i` opens the key list: it follows `ON <table>`. */
function isOnTarget(tokens: readonly SqlToken[], i: number): boolean {
  const before = tokens[i - 2];
  return before?.kind === 'word' && before.value === 'ON';
}

/** The source text a run of tokens spans. */
function textOf(sql: string, part: readonly SqlToken[]): string {
  if (part.length === 0) return '';
  const last = part.at(-1)!;
  let text = sql.slice(part[0]!.start, last.start + last.text.length).trim();
  // an expression key written as `(expr)` reads as expr
  while (text.startsWith('(') && text.endsWith(')') && balanced(text.slice(1, -1))) text = text.slice(1, -1).trim();
  return text;
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
