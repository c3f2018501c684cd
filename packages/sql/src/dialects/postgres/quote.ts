import { internalError } from '@tidemark/core';

/**
 * `quoteIdentifier` double-quotes a name for PostgreSQL, doubling embedded double quotes, so
 * names with spaces, quotes, capitals, reserved words (`order`) or non-ASCII letters are kept
 * exactly (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS).
 * Callers shorten the name first (`shortName`): PostgreSQL would silently cut it at 63 bytes.
 * @example quoteIdentifier('say "hi"') // '"say ""hi"""'
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * `renderLiteral` renders a value as a PostgreSQL literal: strings single-quoted with embedded
 * quotes doubled (the connection keeps `standard_conforming_strings` on, so backslashes are
 * plain characters), finite numbers as JavaScript writes them, booleans as true/false.
 */
export function renderLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw internalError(`cannot render ${value} as a SQL literal`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}
