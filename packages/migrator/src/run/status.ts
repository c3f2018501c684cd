import type { HistoryRecord, Operation, TidemarkError } from '@tidemark/core';
import type { MigrationFile } from '../source/migration-file.js';
import type { PartialSquash } from './squashed-history.js';

/** `MigrationState` is where one migration stands on a database. */
export type MigrationState = 'applied' | 'pending' | 'changed' | 'missing' | 'failed' | 'running';

/** `StatusEntry` is one line of `migrate:status`. */
export interface StatusEntry {
  readonly id: string;
  readonly state: MigrationState;
  readonly appliedAt?: string;
  readonly executionMs?: number;
  readonly appliedBy?: string;
  /** A pending migration older than the newest applied one (a merged branch). */
  readonly outOfOrder?: boolean;
  /**
   * For a failed or running migration: how many steps are in the database, the step that failed
   * (in a transaction the steps before it were rolled back with it) and why.
   */
  readonly stepsApplied?: number;
  readonly failedStep?: number;
  readonly error?: string;
  /** For a failed or running migration: the commands that settle it, in the order to consider them. */
  readonly settle?: readonly string[];
  /**
   * For a failed migration whose file is there: each of its `up` steps and where it stands, so
   * the user sees exactly what is in the database (on backends without transactional DDL,
   * the steps before the failing one stay applied).
   */
  readonly steps?: readonly FailedStep[];
  /**
   * For a squashed migration this database applied only part of: the replaced migrations it has
   * and the last one of the run, which it must reach with the files from before the squash.
   */
  readonly squash?: Omit<PartialSquash, 'id'>;
  /** For a missing migration that a squash replaced (on a database that applied only part of the run): the squashed one. */
  readonly replacedBy?: string;
}

/**
 * `FailedStep` is one step of a failed or running migration: applied (and kept), the one that
 * failed, the one in progress when the run stopped (or still runs), or not applied.
 */
export interface FailedStep {
  readonly index: number;
  readonly state: 'applied' | 'failed' | 'running' | 'not applied';
  readonly operation: Operation;
}

/** `failedSteps` lays out a failed or running migration's recorded `up` steps. */
export function failedSteps(operations: readonly Operation[], entry: Pick<StatusEntry, 'state' | 'stepsApplied' | 'failedStep'>): FailedStep[] {
  const kept = entry.stepsApplied ?? 0;
  const stopped = entry.state === 'running' ? kept + 1 : entry.failedStep ?? kept + 1;
  return operations.map((operation, i) => ({
    index: i + 1,
    state: i < kept ? 'applied' : i + 1 === stopped ? (entry.state === 'running' ? 'running' : 'failed') : 'not applied',
    operation,
  }));
}

/** `settleCommands` lists what settles a failed or running migration (docs/failure-recovery.md). */
function settleCommands(id: string, state: 'failed' | 'running', kept: number): string[] {
  if (state === 'running') {
    return ['tidemark migrate:up', `tidemark migrate:resolve ${id} --steps-applied <n>`, 'tidemark migrate:down'];
  }
  if (kept === 0) return ['tidemark migrate:up', 'tidemark migrate:down'];
  return ['tidemark migrate:up --resume', 'tidemark migrate:down', `tidemark migrate:resolve ${id} --applied`, `tidemark migrate:resolve ${id} --rolled-back`];
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
export function migrationStatus(files: readonly MigrationFile[], records: readonly HistoryRecord[], fork: TidemarkError | undefined, partial: readonly PartialSquash[] = []): StatusReport {
  const byId = new Map(records.map((r) => [r.id, r]));
  const newestApplied = records.filter((r) => r.outcome === 'applied').map((r) => r.id).sort().at(-1);
  const ids = [...new Set([...files.map((f) => f.id), ...records.map((r) => r.id)])].sort();
  const entries = ids.map((id): StatusEntry => {
    const f = files.find((x) => x.id === id);
    const r = byId.get(id);
    const squash = partial.find((p) => p.id === id);
    if (squash) {
      const { id: _id, ...rest } = squash;
      return { id, state: 'pending', squash: rest };
    }
    if (!r) return { id, state: 'pending', ...(newestApplied && id < newestApplied ? { outOfOrder: true } : {}) };
    const base = { id, appliedAt: r.appliedAt, executionMs: r.executionMs, appliedBy: r.appliedBy };
    if (r.outcome === 'failed' || r.outcome === 'running') {
      const kept = r.stepsApplied ?? 0;
      return {
        ...base, state: r.outcome, stepsApplied: kept, ...(r.failedStep !== undefined ? { failedStep: r.failedStep } : {}),
        ...(r.error ? { error: r.error } : {}), settle: settleCommands(id, r.outcome, kept),
      };
    }
    const replacedBy = partial.find((p) => p.recorded.includes(id))?.id;
    if (!f) return { ...base, state: 'missing', ...(replacedBy ? { replacedBy } : {}) };
    return { ...base, state: f.checksum === r.checksum ? 'applied' : 'changed' };
  });
  return {
    entries,
    ...(fork ? { fork: { code: fork.code, message: fork.message, hint: fork.hint, files: [String(fork.details.first), String(fork.details.second)] } } : {}),
  };
}
