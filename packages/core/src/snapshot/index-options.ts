/**
 * Index options beyond a list of columns (README: Models, "Index options"): a partial index's
 * `where`, an index method (`using`), an expression key, and per-column order, NULLs placement
 * and operator class. All optional: an index without them is the plain index Tidemark always
 * wrote, so snapshots from before these options read unchanged.
 */

/** `INDEX_METHODS` are the index methods a model may name (PostgreSQL's). `btree` is every backend's default. */
export const INDEX_METHODS = ['btree', 'hash', 'gin', 'gist', 'brin'] as const;

/** `IndexMethod` is one of `INDEX_METHODS`. */
export type IndexMethod = (typeof INDEX_METHODS)[number];

/** `IndexKeyOptions` refine one column of an index. Only what differs from the default is kept. */
export interface IndexKeyOptions {
  /** Descending order; ascending is the default and is not stored. */
  readonly order?: 'desc';
  /** Where NULLs sort, kept only when it differs from PostgreSQL's default (last when ascending, first when descending). */
  readonly nulls?: 'first' | 'last';
  /** An operator class, e.g. `gin_trgm_ops`. */
  readonly ops?: string;
}

/** `IndexOptionFields` are the optional fields of `IndexSnapshot` that these options add. */
export interface IndexOptionFields {
  /** An expression index: the key is this SQL expression (column names as in the database), and `columns` is empty. */
  readonly expression?: string;
  /** The index method; absent means `btree`. */
  readonly using?: Exclude<IndexMethod, 'btree'>;
  /** A partial index: only rows matching this SQL predicate are indexed. */
  readonly where?: string;
  /** Per-column options, by column name; absent when no column has any. */
  readonly keyOptions?: Readonly<Record<string, IndexKeyOptions>>;
}

/** `isIndexMethod` tells whether `value` names an index method. */
export function isIndexMethod(value: unknown): value is IndexMethod {
  return typeof value === 'string' && (INDEX_METHODS as readonly string[]).includes(value);
}

/** `hasIndexOptions` tells whether an index has any option beyond its columns and uniqueness. */
export function hasIndexOptions(i: IndexOptionFields): boolean {
  return i.expression !== undefined || i.using !== undefined || i.where !== undefined || i.keyOptions !== undefined;
}

/** `normalizeKeyOptions` keeps only what differs from the defaults, keyed in sorted order; undefined when nothing is left. */
export function normalizeKeyOptions(options: Readonly<Record<string, { order?: string; nulls?: string; ops?: string }>> | undefined): Record<string, IndexKeyOptions> | undefined {
  if (!options) return undefined;
  const out: Record<string, IndexKeyOptions> = {};
  for (const column of Object.keys(options).sort()) {
    const o = options[column]!;
    const desc = o.order === 'desc';
    const defaultNulls = desc ? 'first' : 'last';
    const entry: { order?: 'desc'; nulls?: 'first' | 'last'; ops?: string } = {};
    if (desc) entry.order = 'desc';
    if ((o.nulls === 'first' || o.nulls === 'last') && o.nulls !== defaultNulls) entry.nulls = o.nulls;
    if (o.ops !== undefined && o.ops.trim() !== '') entry.ops = o.ops.trim();
    if (Object.keys(entry).length > 0) out[column] = entry;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `normalizeIndexOptions` returns the option fields in canonical form (key order fixed, defaults left out). */
export function normalizeIndexOptions(i: IndexOptionFields): IndexOptionFields {
  const keyOptions = normalizeKeyOptions(i.keyOptions);
  return {
    ...(i.expression !== undefined ? { expression: i.expression.trim() } : {}),
    ...(i.using !== undefined && (i.using as string) !== 'btree' ? { using: i.using } : {}),
    ...(i.where !== undefined ? { where: i.where.trim() } : {}),
    ...(keyOptions ? { keyOptions } : {}),
  };
}

// Type names PostgreSQL adds as casts when it stores an expression (`lower((email)::text)`).
const CASTS = /::\s*(?:"?(?:character varying|varchar|text|integer|bigint|smallint|numeric|boolean|double precision|real|date|uuid|jsonb|json|bytea|timestamp with time zone|timestamp without time zone|timestamptz|timestamp|name|regclass)"?)(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\[\])?/gi;

/**
 * `comparableSqlText` is the form in which a `where` or `expression` is compared with what a
 * database gives back: databases store these rewritten (PostgreSQL adds parentheses and casts:
 * `deleted_at IS NULL` reads back as `(deleted_at IS NULL)`), so the comparison drops casts to
 * the types above, parentheses that are not a call's, double quotes (backticks: MySQL) around plain identifiers,
 * PostgreSQL's `~~` spellings of LIKE,
 * letter case outside string literals, and spacing. Used only to compare, never stored.
 */
export function comparableSqlText(sql: string): string {
  let out = '';
  // Split into string literals (kept as written) and the rest (normalised).
  const parts = sql.split(/('(?:[^']|'')*')/);
  const stack: boolean[] = [];
  for (const [k, part] of parts.entries()) {
    if (k % 2 === 1) { out += part; continue; }
    // PostgreSQL prints LIKE and ILIKE as their operators
    let s = part.replace(CASTS, '').replace(/!~~\*/g, ' not ilike ').replace(/~~\*/g, ' ilike ').replace(/!~~/g, ' not like ').replace(/~~/g, ' like ');
    s = s.replace(/"([a-z_][a-z0-9_]*)"/g, '$1').replace(/`([A-Za-z_][A-Za-z0-9_]*)`/g, '$1').toLowerCase();
    // parentheses that group (not a call's: those follow a name) are dropped
    let kept = '';
    for (let j = 0; j < s.length; j++) {
      const ch = s[j]!;
      if (ch === '(') {
        const call = /[a-z0-9_]\s*$/.test(s.slice(0, j)) && !/\b(and|or|not|in|is|on|when|then|else)\s*$/.test(s.slice(0, j));
        stack.push(call);
        if (call) kept += ch; else kept += ' ';
      } else if (ch === ')') {
        const call = stack.pop() ?? true;
        kept += call ? ch : ' ';
      } else kept += ch;
    }
    out += kept;
  }
  return out.replace(/\s+/g, ' ').replace(/\s*([(),=<>])\s*/g, '$1').trim();
}
