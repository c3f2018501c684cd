/**
 * `splitStatements` splits hand-written SQL into statements at the semicolons that end them, so
 * that a migration's `db.execute('UPDATE …; UPDATE …')` runs without turning on mysql2's
 * `multipleStatements` for every query Tidemark sends. Semicolons inside quotes ('…', "…",
 * `…`), comments (-- …, # …, /* … *\/) and the BEGIN … END body of a stored program
 * (CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT) do not split. Empty statements are dropped.
 * @example splitStatements("UPDATE t SET a = ';'; DELETE FROM u") // ["UPDATE t SET a = ';'", 'DELETE FROM u']
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let depth = 0; // BEGIN/CASE … END nesting inside a stored program
  let program = false; // the current statement creates a stored program
  let words: string[] = []; // the statement's first words, to recognise CREATE … PROCEDURE
  let skipNext = false; // the word after END (END IF, END CASE, END LOOP …) closes nothing
  let i = 0;
  const push = (end: number): void => {
    const text = sql.slice(start, end).trim();
    if (text !== '') out.push(text);
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if (ch === "'" || ch === '"' || ch === '`') {
      i++;
      while (i < sql.length && sql[i] !== ch) i += sql[i] === '\\' && ch !== '`' ? 2 : 1;
      i++; // a doubled quote reads as two adjacent quoted strings, which is the same for splitting
      continue;
    }
    if ((ch === '-' && next === '-' && /\s/.test(sql[i + 2] ?? ' ')) || ch === '#') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      const word = sql.slice(i, j).toUpperCase();
      if (words.length < 8) {
        words.push(word);
        if (words[0] === 'CREATE' && ['PROCEDURE', 'FUNCTION', 'TRIGGER', 'EVENT'].includes(word)) program = true;
      }
      if (program) {
        if (skipNext) skipNext = false;
        else if (word === 'BEGIN' || word === 'CASE') depth++;
        else if (word === 'END') {
          depth = Math.max(0, depth - 1);
          skipNext = /^\s+(IF|CASE|LOOP|WHILE|REPEAT)\b/i.test(sql.slice(j)) ;
          // END IF / END LOOP … close blocks that were not counted: undo the decrement
          if (/^\s+(IF|LOOP|WHILE|REPEAT)\b/i.test(sql.slice(j))) depth++;
        }
      }
      i = j;
      continue;
    }
    if (ch === ';' && depth === 0) {
      push(i);
      start = i + 1;
      words = [];
      program = false;
    }
    i++;
  }
  push(sql.length);
  return out;
}
