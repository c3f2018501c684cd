import type { RenamePolicy } from './rename-resolver.js';

/**
 * `UnsettledRenames` is one scope (the tables, or one table's columns) where names were removed
 * and others added with no hint saying whether they are renames: under the refuse policy the
 * diff collects every one of them and reports them together.
 */
export interface UnsettledRenames {
  readonly kind: 'table' | 'column';
  /** For columns: the table, by its new name. */
  readonly table?: string;
  /** In the old snapshot's order. */
  readonly removed: readonly string[];
  /** In the new snapshot's order. */
  readonly added: readonly string[];
}

/** The renames of one scope, and what the refuse policy left unsettled. */
export interface RenameResolution {
  readonly renames: { from: string; to: string }[];
  readonly unsettled?: UnsettledRenames;
}

/**
 * `resolveRenames` pairs the names of one scope (`before` → `after`): first by hint, then, for
 * what is left, by the policy (ask, refuse, or treat as drop + add). It never guesses.
 *
 * A hint wins whenever its old name exists before and its new name is new, even if the old name
 * is still in use afterwards: `role` renamed to `deprecated_role` while a new `role` is added is
 * a rename followed by an add, not a change of `role` plus an empty new column. A hint whose new
 * name existed before is a rename already done (a `renamedFrom` stays in the model) and is
 * skipped.
 */
export async function resolveRenames(
  kind: 'table' | 'column',
  before: readonly string[],
  after: readonly string[],
  hinted: readonly { from: string; to: string }[],
  policy: RenamePolicy,
  table?: string,
): Promise<RenameResolution> {
  const had = new Set(before);
  const has = new Set(after);
  const renames: { from: string; to: string }[] = [];
  const usedFrom = new Set<string>();
  const usedTo = new Set<string>();
  for (const h of hinted) {
    if (!had.has(h.from) || !has.has(h.to) || had.has(h.to) || usedFrom.has(h.from) || usedTo.has(h.to)) continue;
    renames.push({ from: h.from, to: h.to });
    usedFrom.add(h.from);
    usedTo.add(h.to);
  }
  const left = new Set(before.filter((n) => !has.has(n) && !usedFrom.has(n)));
  const added = after.filter((n) => !had.has(n) && !usedTo.has(n));
  if (left.size === 0 || added.length === 0 || policy.mode === 'none') return { renames };
  if (policy.mode === 'refuse') return { renames, unsettled: { kind, ...(table ? { table } : {}), removed: [...left], added } };
  for (const to of added) {
    if (left.size === 0) break;
    const from = await policy.resolver({ kind, ...(table ? { table } : {}), added: to, removed: [...left].sort() });
    if (from !== undefined && left.has(from)) { renames.push({ from, to }); left.delete(from); }
  }
  return { renames };
}
