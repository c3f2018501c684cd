import { renameAmbiguous } from '../errors/factories.js';
import type { RenamePolicy } from './rename-resolver.js';

/** A rename to apply, and the names left over as plain drops and adds. */
export interface RenameResolution {
  readonly renames: { from: string; to: string }[];
}

/**
 * `resolveRenames` pairs removed and added names: first by hint, then, for what is left,
 * by the policy (ask, refuse, or treat as drop + add). It never guesses.
 */
export async function resolveRenames(
  kind: 'table' | 'column',
  removed: readonly string[],
  added: readonly string[],
  hinted: readonly { from: string; to: string }[],
  policy: RenamePolicy,
  table?: string,
): Promise<RenameResolution> {
  const left = new Set(removed);
  const renames: { from: string; to: string }[] = [];
  const unhinted: string[] = [];
  for (const to of added) {
    const hint = hinted.find((h) => h.to === to && left.has(h.from));
    if (hint) { renames.push({ from: hint.from, to }); left.delete(hint.from); } else unhinted.push(to);
  }
  for (const to of unhinted) {
    if (left.size === 0) break;
    const candidates = [...left].sort();
    if (policy.mode === 'none') break;
    if (policy.mode === 'refuse') {
      const qualify = (n: string) => (table ? `${table}.${n}` : n);
      throw renameAmbiguous(kind, qualify(candidates[0]!), qualify(to), `${qualify(candidates[0]!)}=${to}`);
    }
    const from = await policy.resolver({ kind, ...(table ? { table } : {}), added: to, removed: candidates });
    if (from !== undefined && left.has(from)) { renames.push({ from, to }); left.delete(from); }
  }
  return { renames };
}
