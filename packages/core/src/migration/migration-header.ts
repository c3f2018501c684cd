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
