import type { SchemaSnapshot } from '@tidemark/core';

/**
 * `dressLike` gives a schema replayed from migration files what the files do not record, taken
 * from `dressed` (the models, or the `.schema.json` being replaced) where the two have the same
 * table: its model name and its column order (declaration order; `addColumn` only appends).
 * Nothing else is taken: what the files say stays what they say. With `dressed` describing the
 * same schema, the result is byte for byte what `migrate:generate` wrote.
 */
export function dressLike(plain: SchemaSnapshot, dressed: SchemaSnapshot | undefined): SchemaSnapshot {
  if (!dressed) return plain;
  const byName = new Map(dressed.tables.map((t) => [t.name, t]));
  return {
    ...plain,
    tables: plain.tables.map((t) => {
      const d = byName.get(t.name);
      if (!d) return t;
      const order = new Map(d.columns.map((c, i) => [c.name, i]));
      const rank = (name: string) => order.get(name) ?? Number.MAX_SAFE_INTEGER;
      const columns = t.columns.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c.name) - rank(b.c.name) || a.i - b.i).map((x) => x.c);
      return { ...t, model: d.model, columns };
    }),
  };
}
