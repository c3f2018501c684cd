import { hostname, userInfo } from 'node:os';
import {
  recordingContext,
  checkCapabilities, destructiveRefused, isTidemarkError, TidemarkError,
  type BackendConnection, type Migration, type Operation, type Warning,
} from '@tidemark/core';
import { findFork } from '../source/check-chain.js';
import { loadMigration, type MigrationLoader } from '../source/load-migration.js';
import { readMigrationFiles, type MigrationFile } from '../source/migration-file.js';
import { recordDown, replayMigrations, type ReplayedMigration } from '../source/replay.js';
import type { EventSink } from './events.js';
import { checkSteps, verifyApplied, type StepCheck } from './migration-plan.js';
import { refuseConcurrentInTransaction, refusePartialFailures, unknownId, withApplied } from './refusals.js';
import { runMigration } from './run-migration.js';
import { failedSteps, migrationStatus, type StatusReport } from './status.js';

/** `MigratorOptions` configure `createMigrator`. */
export interface MigratorOptions {
  readonly connection: BackendConnection;
  /** The migrations folder. */
  readonly directory: string;
  readonly load?: MigrationLoader;
  readonly onEvent?: EventSink;
  /** Recorded as applied_by; defaults to user@host. */
  readonly appliedBy?: string;
}

/** Options of `up`. */
export interface UpOptions {
  /** Apply pending migrations up to and including this id. */
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly allowDestructive?: boolean;
}

/** Options of `down`. */
export interface DownOptions {
  /** How many applied migrations to roll back, newest first (default 1). */
  readonly steps?: number;
  /** Roll back every applied migration newer than this id (it stays applied). */
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly allowDestructive?: boolean;
}

/** `RunResult` lists the migrations a run applied or rolled back (or would, in a dry run). */
export interface RunResult {
  readonly ids: readonly string[];
  readonly dryRun: boolean;
}

/** `Migrator` applies, rolls back and reports migrations on one database. */
export interface Migrator {
  up(options?: UpOptions): Promise<RunResult>;
  down(options?: DownOptions): Promise<RunResult>;
  status(): Promise<StatusReport>;
  repair(id?: string): Promise<string[]>;
}

interface PlannedRun {
  readonly replayed: ReplayedMigration;
  readonly operations: readonly Operation[];
  readonly steps: readonly StepCheck[];
  readonly warnings: readonly Warning[];
}

function defaultAppliedBy(): string {
  try { return `${userInfo().username}@${hostname()}`; } catch { return hostname(); }
}

/**
 * `createMigrator` binds the migrations folder to one open backend connection.
 * Every run takes the backend's lock first, then reads `_tidemark_migrations`: pending
 * migrations are the files whose id is not recorded (a set difference, so a merged older
 * migration still runs, in id order), and applied files must still match their checksum.
 * Each migration is recorded against a RecordingContext before anything runs, so destructive
 * steps and dry runs are decided before the first statement.
 */
export function createMigrator(options: MigratorOptions): Migrator {
  const { connection } = options;
  const load = options.load ?? loadMigration;
  const emit: EventSink = options.onEvent ?? (() => undefined);
  const appliedBy = options.appliedBy ?? defaultAppliedBy();

  async function readFiles(): Promise<MigrationFile[]> {
    const files = await readMigrationFiles(options.directory);
    const fork = await findFork(files);
    if (fork) throw fork;
    return files;
  }

  function plan(replayed: ReplayedMigration, operations: readonly Operation[], before = replayed.before): PlannedRun {
    try {
      checkCapabilities(connection.dialect, connection.capabilities, operations, before);
      refuseConcurrentInTransaction(replayed, operations, connection.capabilities.transactionalDdl);
    } catch (err) {
      if (!isTidemarkError(err)) throw err;
      throw new TidemarkError(err.code, { message: `${replayed.file.id}: ${err.message}; nothing was applied`, hint: err.hint, details: { ...err.details, migration: replayed.file.id } });
    }
    const steps = checkSteps(operations, before);
    return { replayed, operations, steps, warnings: steps.flatMap((s) => s.warnings) };
  }

  function refuseDestructive(runs: readonly PlannedRun[], allow: boolean | undefined): void {
    for (const run of runs) {
      if (run.warnings.length === 0) continue;
      if (!allow) throw destructiveRefused(run.replayed.file.id, run.warnings);
      emit({ type: 'destructive-allowed', id: run.replayed.file.id, warnings: run.warnings });
    }
  }

  function emitDryRun(run: PlannedRun, direction: 'up' | 'down'): void {
    const statements = run.steps.flatMap((s) => connection.applier.render(s.operation, s.before));
    emit({ type: 'dry-run', id: run.replayed.file.id, direction, statements, warnings: run.warnings, sql: ['sqlite', 'postgres', 'mysql'].includes(connection.dialect) });
  }

  async function up(opts: UpOptions = {}): Promise<RunResult> {
    const files = await readFiles();
    if (opts.to && !files.some((f) => f.id === opts.to)) throw unknownId(opts.to);
    const work = async (): Promise<RunResult> => {
      const records = await connection.history.list();
      verifyApplied(records, files);
      refusePartialFailures(records);
      const appliedIds = new Set(records.filter((r) => r.outcome === 'applied').map((r) => r.id));
      const newest = [...appliedIds].sort().at(-1);
      const pendingFiles = files.filter((f) => !appliedIds.has(f.id) && (!opts.to || f.id <= opts.to));
      if (pendingFiles.length === 0) return { ids: [], dryRun: Boolean(opts.dryRun) };
      const replayed = await replayMigrations(files, load, connection.dialect);
      const runs = replayed.filter((r) => pendingFiles.includes(r.file)).map((r) => plan(r, r.operations));
      for (const r of runs) if (newest && r.replayed.file.id < newest) emit({ type: 'out-of-order', id: r.replayed.file.id, newestApplied: newest });
      if (opts.dryRun) {
        for (const run of runs) emitDryRun(run, 'up');
        return { ids: runs.map((r) => r.replayed.file.id), dryRun: true };
      }
      refuseDestructive(runs, opts.allowDestructive);
      const done: string[] = [];
      for (const run of runs) {
        const { file } = run.replayed;
        const started = performance.now();
        try {
          await runMigration({ connection, emit, appliedBy }, run.replayed, 'up', () => connection.history.save({
            id: file.id, checksum: file.checksum, appliedAt: new Date().toISOString(),
            executionMs: Math.round(performance.now() - started), appliedBy, outcome: 'applied',
          }));
        } catch (err) {
          throw withApplied(err, done);
        }
        done.push(file.id);
      }
      return { ids: done, dryRun: false };
    };
    if (!opts.dryRun) await connection.history.ensure(); // a dry run reads only: a missing table lists as []
    return opts.dryRun ? work() : connection.withLock(work);
  }

  async function down(opts: DownOptions = {}): Promise<RunResult> {
    const files = await readFiles();
    const work = async (): Promise<RunResult> => {
      const records = await connection.history.list();
      verifyApplied(records, files);
      const applied = records.filter((r) => r.outcome === 'applied').map((r) => r.id).sort().reverse();
      if (opts.to !== undefined && !applied.includes(opts.to)) throw unknownId(opts.to, 'is not applied');
      const targets = opts.to !== undefined ? applied.filter((id) => id > opts.to!) : applied.slice(0, opts.steps ?? 1);
      if (targets.length === 0) return { ids: [], dryRun: Boolean(opts.dryRun) };
      const replayed = await replayMigrations(files, load, connection.dialect);
      const runs: PlannedRun[] = [];
      for (const id of targets) {
        const r = replayed.find((x) => x.file.id === id)!;
        runs.push(plan(r, await recordDown(r.migration, connection.dialect), r.after));
      }
      if (opts.dryRun) {
        for (const run of runs) emitDryRun(run, 'down');
        return { ids: targets, dryRun: true };
      }
      refuseDestructive(runs, opts.allowDestructive);
      const done: string[] = [];
      for (const run of runs) {
        try {
          await runMigration({ connection, emit, appliedBy }, run.replayed, 'down', () => connection.history.remove(run.replayed.file.id));
        } catch (err) {
          throw withApplied(err, done);
        }
        done.push(run.replayed.file.id);
      }
      return { ids: done, dryRun: false };
    };
    if (!opts.dryRun) await connection.history.ensure(); // a dry run reads only: a missing table lists as []
    return opts.dryRun ? work() : connection.withLock(work);
  }

  async function status(): Promise<StatusReport> {
    const files = await readMigrationFiles(options.directory);
    const report = migrationStatus(files, await connection.history.list(), await findFork(files));
    // Only a failed migration's file is loaded (status stays cheap otherwise): its steps say
    // exactly what is in the database now.
    const entries = await Promise.all(report.entries.map(async (e) => {
      const file = e.state === 'failed' ? files.find((f) => f.id === e.id) : undefined;
      if (!file) return e;
      try {
        const recording = recordingContext(connection.dialect);
        await (await load(file)).up(recording.context);
        return { ...e, steps: failedSteps(recording.operations, e.stepsApplied ?? 0) };
      } catch {
        return e; // the file no longer loads: the recorded count and error still say what happened
      }
    }));
    return { ...report, entries };
  }

  async function repair(id?: string): Promise<string[]> {
    const files = await readMigrationFiles(options.directory);
    if (id && !files.some((f) => f.id === id)) throw unknownId(id);
    await connection.history.ensure();
    return connection.withLock(async () => {
      const repaired: string[] = [];
      for (const r of await connection.history.list()) {
        const f = files.find((x) => x.id === r.id);
        if (!f || (id && r.id !== id)) continue;
        // a failed migration is only accepted when named: the user says its state is right now
        const accept = r.outcome === 'failed' ? r.id === id : f.checksum !== r.checksum;
        if (!accept) continue;
        const { error: _error, stepsApplied: _steps, ...rest } = r;
        await connection.history.save({ ...rest, checksum: f.checksum, outcome: 'applied' });
        repaired.push(r.id);
      }
      return repaired;
    });
  }

  return { up, down, status, repair };
}

export type { Migration };
