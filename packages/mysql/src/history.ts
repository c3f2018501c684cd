import { internalError, isTidemarkError, type HistoryRecord, type MigrationHistory, type MigrationOutcome } from '@tidemark/core';
import { TABLE_OPTIONS } from '@tidemark/sql/mysql';
import type { MysqlExecutor } from './executor.js';

/** `HISTORY_TABLE` is Tidemark's tracking table (README: How a run works); introspection skips it. */
export const HISTORY_TABLE = '_tidemark_migrations';

interface HistoryRow {
  readonly id: string;
  readonly checksum: string;
  readonly applied_at: string;
  readonly execution_ms: number | string;
  readonly applied_by: string;
  readonly outcome: MigrationOutcome;
  readonly steps_applied: number | string | null;
  readonly failed_step: number | string | null;
  readonly error: string | null;
}

const CREATE = `CREATE TABLE IF NOT EXISTS \`${HISTORY_TABLE}\` (
  \`id\` VARCHAR(255) NOT NULL,
  \`checksum\` VARCHAR(128) NOT NULL,
  \`applied_at\` DATETIME(3) NOT NULL,
  \`execution_ms\` BIGINT NOT NULL,
  \`applied_by\` VARCHAR(255) NOT NULL,
  \`outcome\` ENUM('applied', 'failed', 'running') NOT NULL,
  \`steps_applied\` INT NULL,
  \`failed_step\` INT NULL,
  \`error\` LONGTEXT NULL,
  PRIMARY KEY (\`id\`)
) ${TABLE_OPTIONS}`;

/** Whether `err` says the history table does not exist (yet). */
const isMissingTable = (err: unknown): boolean => isTidemarkError(err) && err.details.mysqlCode === 'ER_NO_SUCH_TABLE';

/** DATETIME(3) text ('2025-01-17 12:00:00.123', UTC: every session runs in +00:00) ⇄ ISO-8601. */
function toDatetime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) throw internalError(`history record time ${JSON.stringify(iso)} is not an ISO-8601 time`);
  return time.toISOString().replace('T', ' ').replace(/Z$/, '');
}
const toIso = (datetime: string): string => new Date(`${datetime.replace(' ', 'T')}Z`).toISOString();

/**
 * `MysqlHistory` keeps `_tidemark_migrations` in the database it tracks, as an InnoDB table.
 * `save` is one REPLACE (an upsert on the id, valid on MySQL and MariaDB alike).
 */
export class MysqlHistory implements MigrationHistory {
  readonly #executor: MysqlExecutor;

  constructor(executor: MysqlExecutor) {
    this.#executor = executor;
  }

  /** `ensure` creates the table if it is missing; it is idempotent. */
  async ensure(): Promise<void> {
    await this.#executor.run(CREATE, { op: 'history' });
  }

  /** `list` returns every record in id order; an empty list before the table exists. */
  async list(): Promise<HistoryRecord[]> {
    let rows: HistoryRow[];
    try {
      rows = await this.#executor.all<HistoryRow>(`SELECT * FROM \`${HISTORY_TABLE}\` ORDER BY \`id\``);
    } catch (err) {
      // asking first cost a round trip on every run; a failed SELECT changes nothing on MySQL
      if (isMissingTable(err)) return [];
      throw err;
    }
    return rows.map((r) => ({
      id: r.id,
      checksum: r.checksum,
      appliedAt: toIso(String(r.applied_at)),
      executionMs: Number(r.execution_ms),
      appliedBy: r.applied_by,
      outcome: r.outcome,
      ...(r.steps_applied !== null ? { stepsApplied: Number(r.steps_applied) } : {}),
      ...(r.failed_step !== null ? { failedStep: Number(r.failed_step) } : {}),
      ...(r.error !== null ? { error: r.error } : {}),
    }));
  }

  /** `save` inserts or replaces the record with the same id. */
  async save(record: HistoryRecord): Promise<void> {
    await this.ensure();
    await this.#executor.run(
      `REPLACE INTO \`${HISTORY_TABLE}\` (\`id\`, \`checksum\`, \`applied_at\`, \`execution_ms\`, \`applied_by\`, \`outcome\`, \`steps_applied\`, \`failed_step\`, \`error\`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      {
        op: 'history',
        params: [record.id, record.checksum, toDatetime(record.appliedAt), Math.round(record.executionMs), record.appliedBy, record.outcome,
          record.stepsApplied ?? null, record.failedStep ?? null, record.error ?? null],
      },
    );
  }

  /** `remove` deletes the record of `id` (after a rollback); a missing one is not an error. */
  async remove(id: string): Promise<void> {
    try {
      await this.#executor.run(`DELETE FROM \`${HISTORY_TABLE}\` WHERE \`id\` = ?`, { op: 'history', params: [id] });
    } catch (err) {
      if (!isMissingTable(err)) throw err;
    }
  }
}
