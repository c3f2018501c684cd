import { columnName, snakeCase, tableName } from '@tidemark/core';

/**
 * Names for pulled models: the inverse of core's naming rules (README: Models). Each guess is
 * checked against the forward rule (`tableName`, `columnName`), and where the rule does not give
 * the database's name back, the model says it (`@Model({ table })`, `@Column({ name })`).
 */

const IRREGULAR_SINGULAR: Record<string, string> = { people: 'person', children: 'child', men: 'man', women: 'woman', mice: 'mouse' };
const UNCOUNTABLE = new Set(['data', 'info', 'news', 'series', 'species', 'equipment', 'metadata']);

/** `singularize` guesses the singular of the last word of a snake_case name: `blog_posts` → `blog_post`. */
export function singularize(name: string): string {
  const parts = name.split('_');
  const last = parts.pop() ?? '';
  let one = last;
  if (UNCOUNTABLE.has(last)) one = last;
  else if (IRREGULAR_SINGULAR[last]) one = IRREGULAR_SINGULAR[last];
  else if (/[^aeiou]ies$/.test(last)) one = `${last.slice(0, -3)}y`;
  // statuses, buses, classes, boxes (but houses): the plural the rule makes of a word ending in s, x, z, ch, sh
  else if (/(ss|[^o]us|x|z|ch|sh)es$/.test(last)) one = last.slice(0, -2);
  else if (/[^s]s$/.test(last)) one = last.slice(0, -1);
  return [...parts, one].join('_');
}

const words = (name: string): string[] => snakeCase(name).split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** `pascalCase` joins the words of a name: `blog_post` → `BlogPost`. */
export function pascalCase(name: string): string {
  return words(name).map((w) => capitalize(w.toLowerCase())).join('');
}

/** `camelCase` joins the words of a name with a lower-case first one: `published_at` → `publishedAt`. */
export function camelCase(name: string): string {
  const joined = pascalCase(name);
  return joined.charAt(0).toLowerCase() + joined.slice(1);
}

/** `kebabCase` is the file name of a class: `PostTag` → `post-tag`. */
export function kebabCase(className: string): string {
  return snakeCase(className).replace(/_/g, '-');
}

// Names a pulled file imports or that TypeScript and the readers give a meaning to: a class
// called `Text` would shadow the brand, one called `Date` the type the readers map to timestamp.
const TAKEN_CLASS_NAMES = new Set([
  'Model', 'Key', 'Auto', 'Column', 'Unique', 'Index', 'Default', 'BelongsTo', 'HasMany', 'HasOne', 'Ignore', 'Relation',
  'Float', 'Decimal', 'Uuid', 'Text', 'Json', 'Date', 'Uint8Array', 'Buffer', 'Record', 'Object', 'Array', 'String', 'Number',
  'Boolean', 'BigInt', 'Map', 'Set', 'Promise', 'Error', 'Symbol', 'Function',
]);
const RESERVED_WORDS = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'constructor',
]);

/** A name made unique among `used` with a number, which it then joins. */
export function claim(name: string, used: Set<string>): string {
  let out = name;
  for (let n = 2; used.has(out); n++) out = `${name}${n}`;
  used.add(out);
  return out;
}

/** `className` is the class for a table, and whether the naming rule gives the table back from it. */
export function classNameFor(table: string): { className: string; derived: boolean } {
  let name = pascalCase(singularize(table));
  if (name === '') name = 'Table';
  if (/^[0-9]/.test(name)) name = `T${name}`;
  if (TAKEN_CLASS_NAMES.has(name)) name = `${name}Model`;
  return { className: name, derived: tableName(name) === table };
}

/** `propertyNameFor` is the property for a column, and whether `columnName` gives the column back. */
export function propertyNameFor(column: string): { property: string; derived: boolean } {
  let name = camelCase(column);
  if (name === '') name = 'column';
  if (/^[0-9]/.test(name)) name = `c${name}`;
  if (RESERVED_WORDS.has(name)) name = `${name}Value`;
  return { property: name, derived: columnName(name) === column };
}
