import type { HistoryRecord, MigrationHistory, MigrationOutcome } from '@tidemark/core';
import { quoteIdentifier, renderLiteral } from '@tidemark/sql/postgres';
import { sqlState } from './errors.js';
import type { PgExecutor } from './executor.js';

/** `HISTORY_TABLE` is where applied migrations are recorded, in the managed schema. */
export const HISTORY_TABLE = '_tidemark_migrations';

interface HistoryRow {
  readonly id: string;
  readonly checksum: string;
  readonly applied_at: Date;
  readonly execution_ms: number;
  readonly applied_by: string;
  readonly outcome: MigrationOutcome;
  readonly steps_applied: number | null;
  readonly failed_step: number | null;
  readonly error: string | null;
}

const T = quoteIdentifier(HISTORY_TABLE);

const CREATE = `CREATE TABLE IF NOT EXISTS ${T} (
  "id" text NOT NULL PRIMARY KEY,
  "checksum" text NOT NULL,
  "applied_at" timestamptz NOT NULL,
  "execution_ms" integer NOT NULL,
  "applied_by" text NOT NULL,
  "outcome" text NOT NULL CHECK ("outcome" IN ('applied', 'failed', 'running')),
  "steps_applied" integer,
  "failed_step" integer,
  "error" text
)`;

const COLUMNS = ['id', 'checksum', 'applied_at', 'execution_ms', 'applied_by', 'outcome', 'steps_applied', 'failed_step', 'error'];

// INSERT … ON CONFLICT: one statement, so a concurrent reader never sees the record missing
const UPSERT = `INSERT INTO ${T} (${COLUMNS.map(quoteIdentifier).join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT ("id") DO UPDATE SET ${COLUMNS.slice(1).map((c) => `${quoteIdentifier(c)} = EXCLUDED.${quoteIdentifier(c)}`).join(', ')}`;

/** `PostgresHistory` keeps `_tidemark_migrations` in the schema it tracks. */
export class PostgresHistory implements MigrationHistory {
  readonly #executor: PgExecutor;
  readonly #qualified: string;

  constructor(executor: PgExecutor, schema: string) {
    this.#executor = executor;
    this.#qualified = `${quoteIdentifier(schema)}.${T}`;
  }

  async #exists(): Promise<boolean> {
    // a literal, not a parameter: without parameters the query can carry a deferred RELEASE
    // SAVEPOINT (see PgExecutor.defer) instead of that costing a round trip of its own
    const [row] = await this.#executor.all<{ present: boolean }>(`SELECT to_regclass(${renderLiteral(this.#qualified)}) IS NOT NULL AS present`);
    return row?.present === true;
  }

  /** `ensure` creates the table if it is missing; it is idempotent, also when two runs race to create it. */
  async ensure(): Promise<void> {
    if (await this.#exists()) return;
    try {
      await this.#executor.run(CREATE, { op: 'history' });
    } catch (err) {
      // two runs created it at once: pg_type's unique index refuses the second (23505)
      const state = sqlState((err as { cause?: unknown }).cause);
      if ((state === '23505' || state === '42P07') && await this.#exists()) return;
      throw err;
    }
  }

  /** `list` returns every record in id order; an empty list before the table exists. */
  async list(): Promise<HistoryRecord[]> {
    if (!(await this.#exists())) return [];
    const rows = await this.#executor.all<HistoryRow>(`SELECT * FROM ${T} ORDER BY "id" COLLATE "C"`);
    return rows.map((r) => ({
      id: r.id,
      checksum: r.checksum,
      appliedAt: r.applied_at.toISOString(),
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
    await this.#executor.run(UPSERT, {
      op: 'history',
      params: [record.id, record.checksum, record.appliedAt, Math.round(record.executionMs), record.appliedBy, record.outcome,
        record.stepsApplied ?? null, record.failedStep ?? null, record.error ?? null],
    });
  }

  /** `remove` deletes the record of `id` (after a rollback); a missing one is not an error. */
  async remove(id: string): Promise<void> {
    if (await this.#exists()) await this.#executor.run(`DELETE FROM ${T} WHERE "id" = $1`, { op: 'history', params: [id] });
  }
}
