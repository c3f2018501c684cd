import { I64_MARKER } from './column-type.js';
import { tokenizeSql, type SqlToken } from './tokenize.js';

/** `ParsedForeignKey` is a FOREIGN KEY or REFERENCES clause as written; names are unquoted. */
export interface ParsedForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  /** Empty when the clause names no columns (it then means the referenced key). */
  readonly referencedColumns: readonly string[];
  /** Lower-case, e.g. 'cascade', 'set null'; absent when not written. */
  readonly onDelete?: string;
  readonly onUpdate?: string;
}

/** `ParsedColumn` is what a column definition says beyond `PRAGMA table_info`. */
export interface ParsedColumn {
  readonly name: string;
  readonly primaryKey: boolean;
  readonly autoIncrement: boolean;
  /** The `tidemark:i64` comment is present. */
  readonly i64Marker: boolean;
  /** Values of a `CHECK (c IN ('a', 'b'))` made only of strings: an enum. */
  readonly enumValues?: readonly string[];
}

/** `ParsedCreateTable` is the structure of a CREATE TABLE statement. */
export interface ParsedCreateTable {
  readonly name: string;
  readonly columns: readonly ParsedColumn[];
  /** From a PRIMARY KEY table constraint; empty when the key is inline or absent. */
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly ParsedForeignKey[];
  /** Named table CHECK constraints (`CONSTRAINT "n" CHECK (…)`: a model's @Check), the expression as written. */
  readonly checks: readonly { readonly name: string; readonly expression: string }[];
}

const TABLE_CONSTRAINT = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);
const ACTION_END = new Set(['ON', 'MATCH', 'NOT', 'DEFERRABLE']);

const nameOf = (t: SqlToken | undefined): string => (t === undefined ? '' : t.kind === 'word' ? t.text : t.value);
const isPunct = (t: SqlToken | undefined, p: string): boolean => t?.kind === 'punct' && t.value === p;
const isWord = (t: SqlToken | undefined, w: string): boolean => t?.kind === 'word' && t.value === w;

/** Index just past the parenthesis group opening at `i`. */
function skipGroup(tokens: readonly SqlToken[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (isPunct(tokens[j], '(')) depth++;
    else if (isPunct(tokens[j], ')') && --depth === 0) return j + 1;
  }
  return tokens.length;
}

/** Splits the tokens of a parenthesis group opening at `i` at its top-level commas. */
function groupItems(tokens: readonly SqlToken[], i: number): { items: SqlToken[][]; next: number } {
  const end = skipGroup(tokens, i);
  const items: SqlToken[][] = [[]];
  let depth = 0;
  for (let j = i + 1; j < end - 1; j++) {
    const t = tokens[j]!;
    if (isPunct(t, '(')) depth++;
    if (isPunct(t, ')')) depth--;
    if (depth === 0 && isPunct(t, ',')) items.push([]);
    else items[items.length - 1]!.push(t);
  }
  return { items: items.filter((x) => x.length > 0), next: end };
}

/** Column names of a `(a, b COLLATE x DESC)` list. */
function nameList(tokens: readonly SqlToken[], i: number): { names: string[]; next: number } {
  const { items, next } = groupItems(tokens, i);
  return { names: items.map((x) => nameOf(x[0])), next };
}

/** Parses `REFERENCES t [(cols)] [ON DELETE x] [ON UPDATE y] ...` starting at the REFERENCES word. */
function references(tokens: readonly SqlToken[], i: number, columns: string[], name?: string): { fk: ParsedForeignKey; next: number } {
  const referencedTable = nameOf(tokens[i + 1]);
  let j = i + 2;
  let referencedColumns: string[] = [];
  if (isPunct(tokens[j], '(')) ({ names: referencedColumns, next: j } = nameList(tokens, j));
  const actions: Record<string, string> = {};
  while (isWord(tokens[j], 'ON') && (isWord(tokens[j + 1], 'DELETE') || isWord(tokens[j + 1], 'UPDATE'))) {
    const which = tokens[j + 1]!.value;
    const words: string[] = [];
    j += 2;
    while (j < tokens.length && tokens[j]!.kind === 'word' && !ACTION_END.has(tokens[j]!.value)) words.push(tokens[j++]!.value.toLowerCase());
    actions[which] = words.join(' ');
  }
  const fk: ParsedForeignKey = {
    ...(name !== undefined ? { name } : {}), columns, referencedTable, referencedColumns,
    ...(actions.DELETE !== undefined ? { onDelete: actions.DELETE } : {}),
    ...(actions.UPDATE !== undefined ? { onUpdate: actions.UPDATE } : {}),
  };
  return { fk, next: j };
}

/** Reads `CHECK (x IN ('a', 'b'))` at `i` (the CHECK word): the strings, or undefined if it is anything else. */
function enumCheck(tokens: readonly SqlToken[], i: number): string[] | undefined {
  const outer = groupItems(tokens, i + 1).items;
  const expr = outer.length === 1 ? outer[0]! : [];
  if (expr.length < 4 || !isWord(expr[1], 'IN') || !isPunct(expr[2], '(') || skipGroup(expr, 2) !== expr.length) return undefined;
  const values = groupItems(expr, 2).items;
  if (!values.every((v) => v.length === 1 && v[0]!.kind === 'string')) return undefined;
  return values.map((v) => v[0]!.value);
}

function parseColumn(el: readonly SqlToken[], fks: ParsedForeignKey[]): ParsedColumn {
  const sig = el.filter((t) => t.kind !== 'comment');
  const name = nameOf(sig[0]);
  let primaryKey = false; let autoIncrement = false; let enumValues: string[] | undefined; let constraint: string | undefined;
  const i64Marker = el.some((t) => t.kind === 'comment' && t.value === I64_MARKER);
  let i = 1;
  while (i < sig.length) {
    const t = sig[i]!;
    if (isWord(t, 'CONSTRAINT')) { constraint = nameOf(sig[i + 1]); i += 2; continue; }
    if (isWord(t, 'PRIMARY')) primaryKey = true;
    else if (isWord(t, 'AUTOINCREMENT')) autoIncrement = true;
    else if (isWord(t, 'CHECK') && isPunct(sig[i + 1], '(')) {
      enumValues = enumCheck(sig, i) ?? enumValues;
      i = skipGroup(sig, i + 1);
      continue;
    } else if (isWord(t, 'REFERENCES')) {
      const r = references(sig, i, [name], constraint);
      fks.push(r.fk);
      i = r.next;
      continue;
    } else if (isPunct(t, '(')) { i = skipGroup(sig, i); continue; }
    i++;
  }
  return { name, primaryKey, autoIncrement, i64Marker, ...(enumValues ? { enumValues } : {}) };
}

/**
 * `parseCreateTable` reads the CREATE TABLE text SQLite keeps in `sqlite_master.sql`, token by
 * token, for what the PRAGMAs do not report: constraint names (PRAGMA foreign_key_list has
 * none), AUTOINCREMENT, enum CHECKs and the `tidemark:i64` marker. Quoted names may contain
 * spaces, quotes, commas and parentheses.
 */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = tokenizeSql(sql);
  const open = tokens.findIndex((t) => isPunct(t, '('));
  const name = nameOf([...tokens.slice(0, Math.max(open, 0))].reverse().find((t) => t.kind !== 'comment'));
  const columns: ParsedColumn[] = [];
  const foreignKeys: ParsedForeignKey[] = [];
  let primaryKey: string[] = [];
  const checks: { name: string; expression: string }[] = [];
  if (open < 0) return { name, columns, primaryKey, foreignKeys, checks };
  for (const el of groupItems(tokens, open).items) {
    const sig = el.filter((t) => t.kind !== 'comment');
    if (!(sig[0]?.kind === 'word' && TABLE_CONSTRAINT.has(sig[0].value))) {
      columns.push(parseColumn(el, foreignKeys));
      continue;
    }
    let i = 0;
    let constraint: string | undefined;
    if (isWord(sig[0], 'CONSTRAINT')) { constraint = nameOf(sig[1]); i = 2; }
    if (isWord(sig[i], 'PRIMARY') && isPunct(sig[i + 2], '(')) primaryKey = nameList(sig, i + 2).names;
    if (isWord(sig[i], 'FOREIGN') && isPunct(sig[i + 2], '(')) {
      const cols = nameList(sig, i + 2);
      if (isWord(sig[cols.next], 'REFERENCES')) foreignKeys.push(references(sig, cols.next, cols.names, constraint).fk);
    }
    if (constraint !== undefined && isWord(sig[i], 'CHECK') && isPunct(sig[i + 1], '(')) {
      const close = skipGroup(sig, i + 1) - 1;
      checks.push({ name: constraint, expression: sql.slice(sig[i + 1]!.start + 1, sig[close]!.start).trim() });
    }
  }
  return { name, columns, primaryKey, foreignKeys, checks };
}
