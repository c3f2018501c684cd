/**
 * `MigrationOutcome` is where the last run of a migration stands: `applied`; `failed` (a step
 * failed; `stepsApplied` of its steps stay applied); or `running` — written before each step of a
 * run without a transaction, so a run killed part-way leaves a record of the step it was in.
 * Seen under the lock, `running` means the run that wrote it is dead (interrupted).
 */
export type MigrationOutcome = 'applied' | 'failed' | 'running';

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
  /**
   * For a failed or running migration: how many of its steps were applied and stay applied
   * (for `running`: done before the step that was in progress, step `stepsApplied + 1`).
   */
  readonly stepsApplied?: number;
  /** For a failed migration: the 1-based step that failed (in a transaction the steps before it were rolled back too). */
  readonly failedStep?: number;
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
