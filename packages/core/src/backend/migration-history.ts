/** `MigrationOutcome` is how the last run of a migration ended. */
export type MigrationOutcome = 'applied' | 'failed';

/** `HistoryRecord` is one row of `_tidemark_migrations`. */
export interface HistoryRecord {
  readonly id: string;
  /** sha256 of the file's text with line endings normalised. */
  readonly checksum: string;
  /** ISO-8601. */
  readonly appliedAt: string;
  readonly executionMs: number;
  readonly appliedBy: string;
  readonly outcome: MigrationOutcome;
  /** For a failed migration: how many of its steps were applied and stay applied. */
  readonly stepsApplied?: number;
  readonly error?: string;
}

/**
 * `MigrationHistory` is the tracking table or collection `_tidemark_migrations`.
 * `ensure` MUST be idempotent; `list` returns records in id order.
 */
export interface MigrationHistory {
  ensure(): Promise<void>;
  list(): Promise<HistoryRecord[]>;
  /** `save` inserts or replaces the record with the same id. */
  save(record: HistoryRecord): Promise<void>;
  remove(id: string): Promise<void>;
}
