/**
 * Naming rules of the snapshot (README: Models) live here and only here: snake_case columns,
 * snake_case plural tables, `idx_<table>_<columns>` indexes, `fk_<table>_<columns>` foreign keys.
 */

/** `snakeCase` turns `publishedAt` into `published_at` and `URLValue` into `url_value`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

const IRREGULAR: Record<string, string> = { person: 'people', child: 'children', man: 'men', woman: 'women', mouse: 'mice', datum: 'data' };
const UNCOUNTABLE = new Set(['data', 'info', 'news', 'series', 'species', 'equipment', 'metadata']);

/** `pluralize` makes the English plural of the last word of a snake_case name. */
export function pluralize(name: string): string {
  const parts = name.split('_');
  const last = parts.pop() ?? '';
  let plural: string;
  if (UNCOUNTABLE.has(last)) plural = last;
  else if (IRREGULAR[last]) plural = IRREGULAR[last];
  else if (/[^aeiou]y$/.test(last)) plural = `${last.slice(0, -1)}ies`;
  else if (/(s|x|z|ch|sh)$/.test(last)) plural = `${last}es`;
  else plural = `${last}s`;
  return [...parts, plural].join('_');
}

/** `tableName` is the default table of a model class: `PostTag` → `post_tags`. */
export function tableName(className: string): string {
  return pluralize(snakeCase(className));
}

/** `columnName` is the default column of a property: `isActive` → `is_active`. */
export function columnName(propertyName: string): string {
  return snakeCase(propertyName);
}

/** `indexName` is the default name of an index: `idx_users_email`. */
export function indexName(table: string, columns: readonly string[]): string {
  return `idx_${table}_${columns.join('_')}`;
}

/** `expressionIndexName` is the default name of an expression index: `lower(email)` on users → `idx_users_lower_email`. */
export function expressionIndexName(table: string, expression: string): string {
  const slug = expression.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `idx_${table}_${slug || 'expr'}`;
}

/**
 * `nthIndexName` names the `n`th (2, 3, …) of several indexes that would get the same default
 * name (`@Unique()` and an `@Index` on the same column): `idx_users_email_2`.
 */
export function nthIndexName(name: string, n: number): string {
  return `${name}_${n}`;
}

/** `foreignKeyName` is the default name of a foreign key: `fk_blog_posts_author_id`. */
export function foreignKeyName(table: string, columns: readonly string[]): string {
  return `fk_${table}_${columns.join('_')}`;
}

/** `slugify` turns a migration message into the file-name slug: "Add user email!" → `add_user_email`. */
export function slugify(message: string): string {
  const slug = message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/g, '');
  return slug || 'migration';
}
export { identifierLength, shortenFor, shortenIdentifier, utf8Length, type IdentifierLengthUnit, type IdentifierLimits } from './identifier-length.js';
