/** `SqlTokenKind` classifies a token of SQLite SQL text. */
export type SqlTokenKind = 'word' | 'identifier' | 'string' | 'number' | 'blob' | 'comment' | 'punct';

/**
 * `SqlToken` is one token: `text` as written, `value` unquoted (identifiers, strings), the
 * inner text (comments) or upper-cased (words, for keyword tests).
 */
export interface SqlToken {
  readonly kind: SqlTokenKind;
  readonly text: string;
  readonly value: string;
  readonly start: number;
}

const WORD_START = /[A-Za-z_\u0080-\uFFFF]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uFFFF]/;
const TWO_CHAR = new Set(['||', '<=', '>=', '<>', '!=', '==', '<<', '>>', '->']);

/** Reads a quoted run starting at `i` (the opening quote); a doubled `close` is an escaped one. */
function quoted(sql: string, i: number, close: string, doubling: boolean): { end: number; value: string } {
  let value = '';
  let j = i + 1;
  while (j < sql.length) {
    const ch = sql[j]!;
    if (ch === close) {
      if (doubling && sql[j + 1] === close) { value += close; j += 2; continue; }
      return { end: j + 1, value };
    }
    value += ch;
    j++;
  }
  return { end: sql.length, value }; // unterminated: SQLite would not have stored it; read what is there
}

/**
 * `tokenizeSql` splits SQLite SQL text into tokens, following https://www.sqlite.org/lang_keywords.html
 * for the four identifier quotings ("x", [x], `x`, and string literals) and keeping comments,
 * which Tidemark uses as markers. It never throws: unknown characters become punctuation.
 */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlTokenKind, end: number, value: string): void => {
    tokens.push({ kind, text: sql.slice(i, end), value, start: i });
    i = end;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      const end = nl < 0 ? sql.length : nl;
      push('comment', end, sql.slice(i + 2, end).trim());
    } else if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close < 0 ? sql.length : close + 2;
      push('comment', end, sql.slice(i + 2, close < 0 ? sql.length : close).trim());
    } else if (ch === "'") {
      const q = quoted(sql, i, "'", true);
      push('string', q.end, q.value);
    } else if (ch === '"' || ch === '`') {
      const q = quoted(sql, i, ch, true);
      push('identifier', q.end, q.value);
    } else if (ch === '[') {
      const q = quoted(sql, i, ']', false);
      push('identifier', q.end, q.value);
    } else if ((ch === 'x' || ch === 'X') && next === "'") {
      const q = quoted(sql, i + 1, "'", false);
      push('blob', q.end, q.value);
    } else if (/[0-9]/.test(ch) || (ch === '.' && next !== undefined && /[0-9]/.test(next))) {
      const m = /^(0[xX][0-9a-fA-F]+|(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)/.exec(sql.slice(i))!;
      push('number', i + m[0].length, m[0]);
    } else if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j]!)) j++;
      push('word', j, sql.slice(i, j).toUpperCase());
    } else {
      const two = sql.slice(i, i + 2);
      push('punct', TWO_CHAR.has(two) ? i + 2 : i + 1, TWO_CHAR.has(two) ? two : ch);
    }
  }
  return tokens;
}
