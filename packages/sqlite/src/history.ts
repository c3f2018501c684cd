import type { HistoryRecord, MigrationHistory, MigrationOutcome } from '@tidemark/core';
import type { SqliteExecutor } from './executor.js';

/** `HISTORY_TABLE` is Tidemark's tracking table (README: How a run works); introspection skips it. */
export const HISTORY_TABLE = '_tidemark_migrations';

interface HistoryRow {
  readonly id: string;
  readonly checksum: string;
  readonly applied_at: string;
  readonly execution_ms: number;
  readonly applied_by: string;
  readonly outcome: MigrationOutcome;
  readonly steps_applied: number | null;
  readonly failed_step: number | null;
  readonly error: string | null;
}

const CREATE = `CREATE TABLE IF NOT EXISTS "${HISTORY_TABLE}" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "applied_at" TEXT NOT NULL,
  "execution_ms" INTEGER NOT NULL,
  "applied_by" TEXT NOT NULL,
  "outcome" TEXT NOT NULL CHECK ("outcome" IN ('applied', 'failed', 'running')),
  "steps_applied" INTEGER,
  "failed_step" INTEGER,
  "error" TEXT
)`;

/** `SqliteHistory` keeps `_tidemark_migrations` in the database it tracks. */
export class SqliteHistory implements MigrationHistory {
  readonly #executor: SqliteExecutor;

  constructor(executor: SqliteExecutor) {
    this.#executor = executor;
  }

  /** `ensure` creates the table if it is missing; it is idempotent. */
  async ensure(): Promise<void> {
    this.#executor.runSync(CREATE, { op: 'history' });
  }

  /** `list` returns every record in id order; an empty list before the table exists. */
  async list(): Promise<HistoryRecord[]> {
    const exists = this.#executor.allSync("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [HISTORY_TABLE]);
    if (exists.length === 0) return [];
    const rows = this.#executor.allSync<HistoryRow>(`SELECT * FROM "${HISTORY_TABLE}" ORDER BY "id"`);
    return rows.map((r) => ({
      id: r.id,
      checksum: r.checksum,
      appliedAt: r.applied_at,
      executionMs: r.execution_ms,
      appliedBy: r.applied_by,
      outcome: r.outcome,
      ...(r.steps_applied !== null ? { stepsApplied: r.steps_applied } : {}),
      ...(r.failed_step !== null ? { failedStep: r.failed_step } : {}),
      ...(r.error !== null ? { error: r.error } : {}),
    }));
  }

  /** `save` inserts or replaces the record with the same id. */
  async save(record: HistoryRecord): Promise<void> {
    await this.ensure();
    this.#executor.runSync(
      `INSERT OR REPLACE INTO "${HISTORY_TABLE}" ("id", "checksum", "applied_at", "execution_ms", "applied_by", "outcome", "steps_applied", "failed_step", "error") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      {
        op: 'history',
        params: [record.id, record.checksum, record.appliedAt, Math.round(record.executionMs), record.appliedBy, record.outcome,
          record.stepsApplied ?? null, record.failedStep ?? null, record.error ?? null],
      },
    );
  }

  /** `remove` deletes the record of `id` (after a rollback); a missing one is not an error. */
  async remove(id: string): Promise<void> {
    const exists = this.#executor.allSync("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [HISTORY_TABLE]);
    if (exists.length > 0) this.#executor.runSync(`DELETE FROM "${HISTORY_TABLE}" WHERE "id" = ?`, { op: 'history', params: [id] });
  }
}
