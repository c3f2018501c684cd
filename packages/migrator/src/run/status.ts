import type { HistoryRecord, Operation, TidemarkError } from '@tidemark/core';
import type { MigrationFile } from '../source/migration-file.js';

/** `MigrationState` is where one migration stands on a database. */
export type MigrationState = 'applied' | 'pending' | 'changed' | 'missing' | 'failed';

/** `StatusEntry` is one line of `migrate:status`. */
export interface StatusEntry {
  readonly id: string;
  readonly state: MigrationState;
  readonly appliedAt?: string;
  readonly executionMs?: number;
  readonly appliedBy?: string;
  /** A pending migration older than the newest applied one (a merged branch). */
  readonly outOfOrder?: boolean;
  /** For a failed migration: what was left applied and why it failed. */
  readonly stepsApplied?: number;
  readonly error?: string;
  /**
   * For a failed migration whose file is there: each of its `up` steps and where it stands, so
   * the user sees exactly what is in the database (on backends without transactional DDL,
   * the steps before the failing one stay applied).
   */
  readonly steps?: readonly FailedStep[];
}

/** `FailedStep` is one step of a failed migration: applied (and kept), the one that failed, or not applied. */
export interface FailedStep {
  readonly index: number;
  readonly state: 'applied' | 'failed' | 'not applied';
  readonly operation: Operation;
}

/** `failedSteps` lays out a failed migration's recorded `up` steps around the one that failed. */
export function failedSteps(operations: readonly Operation[], stepsApplied: number): FailedStep[] {
  return operations.map((operation, i) => ({
    index: i + 1,
    state: i < stepsApplied ? 'applied' : i === stepsApplied ? 'failed' : 'not applied',
    operation,
  }));
}

/** `StatusReport` is the whole of `migrate:status`. */
export interface StatusReport {
  readonly entries: readonly StatusEntry[];
  /** Two migrations that start from the same snapshot. */
  readonly fork?: { readonly code: string; readonly message: string; readonly hint: string; readonly files: readonly string[] };
}

/**
 * `migrationStatus` joins the files with the history: applied, pending, changed since applied,
 * missing file, or failed; plus a fork between two migrations, if any. Files are not loaded.
 */
export function migrationStatus(files: readonly MigrationFile[], records: readonly HistoryRecord[], fork: TidemarkError | undefined): StatusReport {
  const byId = new Map(records.map((r) => [r.id, r]));
  const newestApplied = records.filter((r) => r.outcome === 'applied').map((r) => r.id).sort().at(-1);
  const ids = [...new Set([...files.map((f) => f.id), ...records.map((r) => r.id)])].sort();
  const entries = ids.map((id): StatusEntry => {
    const f = files.find((x) => x.id === id);
    const r = byId.get(id);
    if (!r) return { id, state: 'pending', ...(newestApplied && id < newestApplied ? { outOfOrder: true } : {}) };
    const base = { id, appliedAt: r.appliedAt, executionMs: r.executionMs, appliedBy: r.appliedBy };
    if (r.outcome === 'failed') {
      return { ...base, state: 'failed', stepsApplied: r.stepsApplied ?? 0, ...(r.error ? { error: r.error } : {}) };
    }
    if (!f) return { ...base, state: 'missing' };
    return { ...base, state: f.checksum === r.checksum ? 'applied' : 'changed' };
  });
  return {
    entries,
    ...(fork ? { fork: { code: fork.code, message: fork.message, hint: fork.hint, files: [String(fork.details.first), String(fork.details.second)] } } : {}),
  };
}
