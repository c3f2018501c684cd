import { internalError } from '@tidemark/core';
import { shortName } from './shorten.js';

/**
 * `quoteIdentifier` quotes a (shortened) name for MySQL: backquotes, embedded backquotes doubled,
 * so names with spaces, quotes, reserved words (`order`) or non-ASCII letters are safe.
 * @example quoteIdentifier('say `hi`') // '`say ``hi```'
 */
export function quoteIdentifier(name: string): string {
  return `\`${shortName(name).replaceAll('`', '``')}\``;
}

/**
 * `renderLiteral` renders a value as a MySQL literal: strings single-quoted with quotes doubled
 * and backslashes escaped (the session keeps MySQL's default backslash escapes; Tidemark never
 * sets NO_BACKSLASH_ESCAPES), finite numbers as written, booleans as TRUE/FALSE, null as NULL.
 * @example renderLiteral("it's \\ ok") // "'it''s \\\\ ok'"
 */
export function renderLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw internalError(`cannot render ${value} as a SQL literal`);
    return String(value);
  }
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll('\0', '\\0')}'`;
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `toDatetimeText` turns an ISO-8601 instant ('1970-01-01T00:00:00.000Z', the back-fill of a
 * timestamp column) into the text a DATETIME accepts ('1970-01-01 00:00:00.000'): MySQL and
 * MariaDB refuse the `T`…`Z` spelling in strict mode. A zone offset is converted to UTC, the
 * zone every Tidemark session uses. Other text is returned unchanged.
 */
export function toDatetimeText(value: string): string {
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) return value;
  if (!m[3] || /^z$/i.test(m[3])) return `${m[1]} ${m[2]}`;
  const instant = new Date(value.trim());
  if (Number.isNaN(instant.getTime())) return value;
  return instant.toISOString().replace('T', ' ').replace(/Z$/, '');
}
