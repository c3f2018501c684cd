/** `MigrationHeader` is what a generated file's first line records. */
export interface MigrationHeader {
  /** sha256 of the snapshot the migration starts from. */
  readonly from: string;
  /** sha256 of the snapshot it produces. */
  readonly to: string;
}

const HEADER = /^\/\/ tidemark: from (sha256:[0-9a-f]{64}) to (sha256:[0-9a-f]{64})\s*$/m;

/** `formatMigrationHeader` renders the header line of a generated migration. */
export function formatMigrationHeader(header: MigrationHeader): string {
  return `// tidemark: from ${header.from} to ${header.to}`;
}

/** `parseMigrationHeader` reads a migration's header line, if it has one (hand-written files may not). */
export function parseMigrationHeader(text: string): MigrationHeader | undefined {
  const m = HEADER.exec(text);
  return m ? { from: m[1]!, to: m[2]! } : undefined;
}

/** `MIGRATION_ID` is the shape of a migration id: `YYYYMMDD_HHMMSS_<slug>`. */
export const MIGRATION_ID = /^\d{8}_\d{6}_[a-z0-9_]+$/;

const REPLACES = /^\/\/ tidemark: replaces ([a-z0-9_ ]+?)\s*$/m;

/**
 * `formatReplacesLine` renders the line a squashed migration carries: the ids of the migrations
 * it replaces. A database whose history holds all of them has the squashed one applied
 * (docs/failure-recovery.md: Squashed migrations); reading it needs no loading of the file.
 */
export function formatReplacesLine(ids: readonly string[]): string {
  return `// tidemark: replaces ${ids.join(' ')}`;
}

/** `parseReplacesLine` reads the ids a squashed migration replaces, if it is one. */
export function parseReplacesLine(text: string): string[] | undefined {
  const m = REPLACES.exec(text);
  if (!m) return undefined;
  const ids = m[1]!.split(' ').filter(Boolean);
  return ids.every((id) => MIGRATION_ID.test(id)) && ids.length > 0 ? ids : undefined;
}
