import type { TableSnapshot } from '../snapshot/schema-snapshot.js';

/**
 * `orderByDependencies` sorts tables so that each comes after the tables its foreign keys
 * reference (self-references ignored). Ties keep name order. Foreign keys that close a cycle
 * are returned as `deferred`: they must be added after every table exists.
 */
export function orderByDependencies(tables: readonly TableSnapshot[]): { ordered: TableSnapshot[]; deferred: Set<string> } {
  const names = new Set(tables.map((t) => t.name));
  const sorted = [...tables].sort((a, b) => (a.name < b.name ? -1 : 1));
  const ordered: TableSnapshot[] = [];
  const done = new Set<string>();
  const deferred = new Set<string>();
  const visiting = new Set<string>();
  const visit = (t: TableSnapshot): void => {
    if (done.has(t.name)) return;
    visiting.add(t.name);
    for (const fk of [...t.foreignKeys].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const target = fk.referencedTable;
      if (target === t.name || !names.has(target) || done.has(target)) continue;
      if (visiting.has(target)) { deferred.add(`${t.name}.${fk.name}`); continue; }
      visit(sorted.find((x) => x.name === target)!);
    }
    visiting.delete(t.name);
    done.add(t.name);
    ordered.push(t);
  };
  for (const t of sorted) visit(t);
  return { ordered, deferred };
}
