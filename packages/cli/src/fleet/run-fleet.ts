import { resolve as resolvePath } from 'node:path';
import { isTidemarkError, redactUrl, type BackendConnection, type ConnectOptions } from '@tidemark/core';
import { createMigrator, type MigratorOptions, type UpOptions } from '@tidemark/migrator';
import { liveDrift } from '../live-drift.js';
import { connect } from '../load-backend.js';
import { describeOperation } from '../output.js';
import { runPool } from './pool.js';
import type { FleetTarget } from './read-targets.js';

/** What a fleet run does on each target: the single-database command of the same name. */
export type FleetAction = 'up' | 'dry-run' | 'status' | 'check';

/**
 * Where one target stands after the run:
 * - `applied`: this run applied `applied`; `current`: nothing was pending (or no drift, for check);
 * - `pending` (dry run and status): `pending` would be applied;
 * - `failed`: a migration or the connection failed (`failure` says which migration and step);
 * - `refused`: `up` would refuse (an edited or missing applied migration, a fork) or, for check, drift;
 * - `stopped`: a stop (Ctrl-C) came while it ran: it finished its current migration, `pending` did not start;
 * - `not started`: the stop came before its turn.
 */
export type TargetOutcome = 'applied' | 'current' | 'pending' | 'failed' | 'refused' | 'stopped' | 'not started';

/** `TargetFailure` is why a target failed or was refused, as the single-database command would say it. */
export interface TargetFailure {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  /** The migration that failed, and the step within it, when a migration failed. */
  readonly migration?: string;
  readonly step?: number;
}

/** `TargetResult` is one row of a fleet run's report. */
export interface TargetResult {
  readonly target: string;
  readonly source: string;
  readonly outcome: TargetOutcome;
  readonly applied: readonly string[];
  readonly pending: readonly string[];
  readonly failure?: TargetFailure;
  readonly ms: number;
}

/** `FleetOptions` configure `runFleet`. */
export interface FleetOptions {
  readonly targets: readonly FleetTarget[];
  /** The migrations folder every target is migrated from. */
  readonly directory: string;
  readonly action: FleetAction;
  /** How many targets run at once (default 4). Each holds one connection and its own lock. */
  readonly concurrency?: number;
  /** For `up`: the single-database options (`to`, `allowDestructive`, `resume`). */
  readonly up?: Pick<UpOptions, 'to' | 'allowDestructive' | 'resume'>;
  /** How each target is opened (session timeouts, `--verbose` tracing); `readOnly` follows the action. */
  readonly connect?: Omit<ConnectOptions, 'readOnly'>;
  /** What each target's migrator runs with (hooks, lock retries, the environment's name). */
  readonly migrator?: Pick<MigratorOptions, 'hooks' | 'lockRetries' | 'environment'>;
  /** For `check`: tables left out of the comparison (the config's `exclude`). */
  readonly excluded?: (table: string) => boolean;
  /** Aborting it stops starting targets; running ones finish their current migration. */
  readonly signal?: AbortSignal;
  /** Called as each target starts and ends, for progress. */
  readonly onStart?: (target: FleetTarget) => void;
  readonly onDone?: (result: TargetResult) => void;
}

/** `FleetReport` is a whole fleet run: one result per target, in the order they were listed. */
export interface FleetReport {
  readonly action: FleetAction;
  readonly results: readonly TargetResult[];
  readonly counts: Readonly<Partial<Record<TargetOutcome, number>>>;
  /** Every target reached the state the action asks for (applied or current; for status, nothing failed or refused). */
  readonly ok: boolean;
}

export const DEFAULT_FLEET_CONCURRENCY = 4;

/**
 * `runFleet` runs one action on many databases (README: Fleets). Tidemark adds no coordinator:
 * each target keeps its own `_tidemark_migrations` and lock, so two fleet runs, or a fleet run
 * and a single `migrate:up`, never apply a migration twice — the second waits for the lock and
 * finds it applied. A failing target never stops the others; a re-run does only what is left.
 */
export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  const directory = resolvePath(options.directory);
  const concurrency = options.concurrency ?? DEFAULT_FLEET_CONCURRENCY;
  const results = await runPool(options.targets, concurrency, async (target) => {
    options.onStart?.(target);
    const result = await runTarget(target, directory, options);
    options.onDone?.(result);
    return result;
  }, (target) => {
    const result: TargetResult = { target: target.label, source: target.source, outcome: 'not started', applied: [], pending: [], ms: 0 };
    options.onDone?.(result);
    return result;
  }, options.signal);
  const counts: Partial<Record<TargetOutcome, number>> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  const good: readonly TargetOutcome[] = options.action === 'up' || options.action === 'check' ? ['applied', 'current'] : ['applied', 'current', 'pending'];
  return { action: options.action, results, counts, ok: results.every((r) => good.includes(r.outcome)) };
}

async function runTarget(target: FleetTarget, directory: string, options: FleetOptions): Promise<TargetResult> {
  const started = performance.now();
  const base = { target: target.label, source: target.source };
  const elapsed = (): number => Math.round(performance.now() - started);
  let connection: BackendConnection | undefined;
  try {
    connection = await connect(target.url, { ...options.connect, readOnly: options.action !== 'up' });
    const outcome = await act(connection, directory, options);
    return { ...base, ...outcome, ms: elapsed() };
  } catch (err) {
    const failure = failureOf(err);
    const applied = isTidemarkError(err) && Array.isArray(err.details.applied) ? err.details.applied as string[] : [];
    const outcome: TargetOutcome = isTidemarkError(err) && err.exitCode === 3 ? 'refused' : 'failed';
    return { ...base, outcome, applied, pending: [], failure, ms: elapsed() };
  } finally {
    await connection?.close().catch(() => undefined);
  }
}

type ActOutcome = Pick<TargetResult, 'outcome' | 'applied' | 'pending'> & { readonly failure?: TargetFailure };

async function act(connection: BackendConnection, directory: string, options: FleetOptions): Promise<ActOutcome> {
  const migrator = createMigrator({ ...options.migrator, connection, directory });
  switch (options.action) {
    case 'up': {
      const run = await migrator.up({ ...options.up, ...(options.signal ? { signal: options.signal } : {}) });
      const pending = run.notStarted ?? [];
      return { outcome: pending.length > 0 ? 'stopped' : run.ids.length > 0 ? 'applied' : 'current', applied: run.ids, pending };
    }
    case 'dry-run': {
      const run = await migrator.up({ ...options.up, dryRun: true });
      return { outcome: run.ids.length > 0 ? 'pending' : 'current', applied: [], pending: run.ids };
    }
    case 'status': {
      const report = await migrator.status();
      const ids = (state: string): string[] => report.entries.filter((e) => e.state === state).map((e) => e.id);
      const pending = ids('pending');
      const refused = [...ids('changed'), ...ids('missing')];
      const failed = [...ids('failed'), ...ids('running')];
      if (report.fork) return { outcome: 'refused', applied: [], pending, failure: { code: report.fork.code, message: report.fork.message, hint: report.fork.hint } };
      if (refused.length > 0) {
        return { outcome: 'refused', applied: [], pending, failure: { code: 'TM_CHECKSUM_CHANGED', message: `changed or missing applied migration(s): ${refused.join(', ')}`, hint: 'run `tidemark migrate:status --url <this target>` for the details' } };
      }
      if (failed.length > 0) {
        const entry = report.entries.find((e) => e.state === 'failed' || e.state === 'running')!;
        return {
          outcome: 'failed', applied: [], pending,
          failure: { code: 'TM_MIGRATION_FAILED', message: entry.error ?? `${entry.id} is ${entry.state}`, hint: entry.settle?.join(' | ') ?? 'run `tidemark migrate:status` on this target', migration: entry.id, ...(entry.failedStep ? { step: entry.failedStep } : {}) },
        };
      }
      return { outcome: pending.length > 0 ? 'pending' : 'current', applied: [], pending };
    }
    case 'check': {
      const { drift } = await liveDrift(connection, directory, options.excluded);
      if (drift.length === 0) return { outcome: 'current', applied: [], pending: [] };
      return {
        outcome: 'refused', applied: [], pending: [],
        failure: { code: 'TM_DRIFT', message: `drifted from its applied migrations: ${drift.map(describeOperation).join('; ')}`, hint: 'run `tidemark migrate:check --url <this target>` for the single-database hint' },
      };
    }
  }
}

function failureOf(err: unknown): TargetFailure {
  if (!isTidemarkError(err)) {
    return { code: 'TM_INTERNAL', message: redactUrl(String((err as Error)?.message ?? err)), hint: 'this is a bug in Tidemark; please report it with the command you ran' };
  }
  const migration = typeof err.details.id === 'string' ? err.details.id : typeof err.details.migration === 'string' ? err.details.migration : undefined;
  const step = typeof err.details.step === 'number' ? err.details.step : undefined;
  return {
    code: err.code, message: redactUrl(err.message), hint: redactUrl(err.hint),
    ...(migration ? { migration } : {}), ...(step !== undefined ? { step } : {}),
  };
}
