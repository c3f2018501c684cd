import { modelInvalid, type SourceLocation } from '../errors/factories.js';
import { nthIndexName } from '../naming.js';
import { hasIndexOptions, INDEX_METHODS, isIndexMethod, normalizeIndexOptions, type IndexKeyOptions } from '../snapshot/index-options.js';
import type { IndexSnapshot } from '../snapshot/schema-snapshot.js';
import type { ClassIndexDescription } from './model-description.js';

export { expressionIndexName } from '../naming.js';

/**
 * `classIndexOptions` turns a class-level `@Index`'s options (README: Models, "Index options")
 * into the index's option fields, with per-property options keyed by column. A malformed option
 * is TM_MODEL_INVALID at the decorator's line; whether a backend can build it is the backend's
 * rule (core/backend/check-keys-and-indexes.ts), checked for `--target`.
 */
export function classIndexOptions(at: SourceLocation, idx: ClassIndexDescription, columnFor: (property: string) => string): Partial<IndexSnapshot> {
  if (idx.expression !== undefined) {
    if (idx.expression.trim() === '') throw modelInvalid(at, '@Index expression is empty', "write the SQL expression, e.g. @Index({ expression: 'lower(email)' })");
    if (idx.properties.length > 0) throw modelInvalid(at, '@Index has both properties and an expression', 'index either properties or one expression');
    if (idx.order || idx.nulls || idx.ops) {
      throw modelInvalid(at, 'order, nulls and ops name properties; an expression index has none', 'drop them, or index properties instead of an expression');
    }
  }
  if (idx.where !== undefined && idx.where.trim() === '') throw modelInvalid(at, '@Index where is empty', "write the SQL predicate, e.g. where: 'deleted_at IS NULL', or remove it");
  if (idx.using !== undefined && !isIndexMethod(idx.using)) {
    throw modelInvalid(at, `@Index using ${JSON.stringify(idx.using)} is not an index method`, `use one of ${INDEX_METHODS.join(', ')}`);
  }
  const keyOptions: Record<string, { order?: string; nulls?: string; ops?: string }> = {};
  for (const [field, values] of [['order', idx.order], ['nulls', idx.nulls], ['ops', idx.ops]] as const) {
    for (const [property, value] of Object.entries(values ?? {})) {
      if (!idx.properties.includes(property)) {
        throw modelInvalid(at, `@Index ${field} names ${property}, which the index does not list`, `use one of ${idx.properties.join(', ')}, or add ${property} to the index`);
      }
      const ok = field === 'order' ? value === 'asc' || value === 'desc' : field === 'nulls' ? value === 'first' || value === 'last' : typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_.]*$/.test(value);
      if (!ok) {
        throw modelInvalid(at, `@Index ${field} of ${property} is ${JSON.stringify(value)}`,
          field === 'order' ? "use 'asc' or 'desc'" : field === 'nulls' ? "use 'first' or 'last'" : 'name an operator class, e.g. gin_trgm_ops');
      }
      const column = columnFor(property);
      keyOptions[column] = { ...keyOptions[column], [field]: value };
    }
  }
  return normalizeIndexOptions({
    ...(idx.expression !== undefined ? { expression: idx.expression } : {}),
    ...(idx.using !== undefined && idx.using !== 'btree' ? { using: idx.using } : {}),
    ...(idx.where !== undefined ? { where: idx.where } : {}),
    keyOptions: keyOptions as Record<string, IndexKeyOptions>,
  });
}

/** Which of several indexes with one default name keeps it: a plain unique index, then a plain one, then declaration order. */
function rank(i: IndexSnapshot): number {
  if (hasIndexOptions(i)) return 2;
  return i.unique ? 0 : 1;
}

/**
 * `distinctIndexNames` gives indexes that would share a default name distinct, deterministic
 * names: the first by `rank` keeps it, the others get `_2`, `_3`, … (`nthIndexName`). The same
 * index declared twice is left clashing, as are names a
 * model wrote (`named`), which never change: the caller refuses those clashes.
 */
export function distinctIndexNames(indexes: readonly IndexSnapshot[], named: ReadonlySet<IndexSnapshot>): IndexSnapshot[] {
  const taken = new Set(indexes.filter((i) => named.has(i)).map((i) => i.name));
  const groups = new Map<string, IndexSnapshot[]>();
  for (const i of indexes) {
    if (named.has(i)) continue;
    groups.set(i.name, [...(groups.get(i.name) ?? []), i]);
  }
  const renamed = new Map<IndexSnapshot, string>();
  for (const [name, group] of groups) {
    if (group.length === 1) { taken.add(name); continue; }
    const ordered = group.map((i, k) => ({ i, k })).sort((a, b) => rank(a.i) - rank(b.i) || a.k - b.k).map((x) => x.i);
    taken.add(name);
    let n = 2;
    const seen = [ordered[0]!];
    const same = (a: IndexSnapshot, b: IndexSnapshot): boolean => JSON.stringify({ ...a, name: '' }) === JSON.stringify({ ...b, name: '' });
    for (const i of ordered.slice(1)) {
      // the same index declared twice keeps the shared name, so the caller refuses the duplicate
      if (seen.some((x) => same(x, i))) continue;
      seen.push(i);
      while (taken.has(nthIndexName(name, n)) || groups.has(nthIndexName(name, n))) n++;
      renamed.set(i, nthIndexName(name, n));
      taken.add(nthIndexName(name, n));
    }
  }
  return indexes.map((i) => (renamed.has(i) ? { ...i, name: renamed.get(i)! } : i));
}
