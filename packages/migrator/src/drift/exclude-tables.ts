import type { SchemaSnapshot } from '@tidemark/core';

/** `EXCLUDE_PATTERN` is what an `exclude` entry may be: a table name, with `*` and `?` as wildcards. */
export const EXCLUDE_PATTERN = /^[A-Za-z0-9_$.*?-]+$/;

/**
 * `excludeMatcher` turns the config's `exclude` list (tables other tools own: `"audit_log"`,
 * `"django_*"`, `"tmp_?"`) into a test on a table name. `*` matches any run of characters, `?`
 * one; the rest matches itself, case-sensitively, as the database names the table.
 */
export function excludeMatcher(patterns: readonly string[]): (table: string) => boolean {
  if (patterns.length === 0) return () => false;
  const regexps = patterns.map((p) => new RegExp(`^${[...p].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.$-]/g, '\\$&'))).join('')}$`));
  return (table) => regexps.some((r) => r.test(table));
}

/** `withoutExcluded` is the schema without the tables `excluded` names (and the foreign keys that point at them). */
export function withoutExcluded(schema: SchemaSnapshot, excluded: (table: string) => boolean): SchemaSnapshot {
  const tables = schema.tables.filter((t) => !excluded(t.name))
    .map((t) => ({ ...t, foreignKeys: t.foreignKeys.filter((f) => !excluded(f.referencedTable)) }));
  return { ...schema, tables };
}
