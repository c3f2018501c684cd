import { internalError } from '@tidemark/core';

/**
 * `quoteIdentifier` quotes a name for SQLite: double quotes, embedded double quotes doubled,
 * so names with spaces, quotes, reserved words (`order`) or non-ASCII letters are safe.
 * @example quoteIdentifier('say "hi"') // '"say ""hi"""'
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * `renderLiteral` renders a value as a SQLite literal: strings single-quoted with embedded quotes
 * doubled, finite numbers as written, booleans as TRUE/FALSE, null as NULL.
 */
export function renderLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw internalError(`cannot render ${value} as a SQL literal`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}
