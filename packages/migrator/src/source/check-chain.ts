import { emptySnapshot, hashSnapshot, migrationFork, type TidemarkError } from '@tidemark/core';
import type { MigrationFile } from './migration-file.js';

/**
 * `findFork` walks generated migrations in id order, following their `from → to` snapshot
 * hashes. A schema-changing migration that starts from a snapshot an earlier one also started
 * from (two branches merged) is a fork: TM_MIGRATION_FORK naming both files. Hand-written
 * files without a header, and `--empty` ones (from = to), do not take part.
 */
export async function findFork(files: readonly MigrationFile[]): Promise<TidemarkError | undefined> {
  let current = await hashSnapshot(emptySnapshot());
  const startedFrom = new Map<string, string>();
  for (const f of files) {
    if (!f.header || f.header.from === f.header.to) continue;
    if (f.header.from !== current) {
      const other = startedFrom.get(f.header.from);
      if (other) return migrationFork(other, f.id, f.header.from);
    }
    startedFrom.set(f.header.from, f.id);
    current = f.header.to;
  }
  return undefined;
}
