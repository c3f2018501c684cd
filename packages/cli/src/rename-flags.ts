import { usageError, type RenameHints } from '@tidemark/core';

/**
 * `parseRenameFlags` reads `--rename old=new` (a table) and `--rename table.old=new` (a column
 * of `table`, by its current name).
 */
export function parseRenameFlags(flags: readonly string[]): RenameHints {
  const tables: { from: string; to: string }[] = [];
  const columns: { table: string; from: string; to: string }[] = [];
  for (const flag of flags) {
    const m = /^([^=.]+)(?:\.([^=]+))?=([^=.]+)$/.exec(flag);
    if (!m) throw usageError(`--rename ${flag} is not old=new or table.old=new`, 'e.g. --rename users=people or --rename users.name=full_name');
    if (m[2] !== undefined) columns.push({ table: m[1]!, from: m[2], to: m[3]! });
    else tables.push({ from: m[1]!, to: m[3]! });
  }
  return { tables, columns };
}
