import { hostname, userInfo } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import {
  recordingContext,
  checkCapabilities, destructiveRefused, isDataStep, fileMissing, isTidemarkError, TidemarkError,
  type BackendConnection, type HistoryRecord, type Migration, type Operation, type Warning,
} from '@tidemark/core';
import { findFork } from '../source/check-chain.js';
import { loadMigration, type MigrationLoader } from '../source/load-migration.js';
import { readMigrationFiles as readFolder, requireMigrationsFolder, type MigrationFile } from '../source/migration-file.js';
import { recordDown, replayMigrations, type ReplayedMigration } from '../source/replay.js';
import type { EventSink } from './events.js';
import { runHooked } from './hooked-run.js';
import type { MigrationHooks } from './hooks.js';
import type { LockRetryPolicy } from './lock-retry.js';
import { destructiveDeclined, destructiveSteps, type ConfirmDestructive } from './destructive-steps.js';
import { checkSteps, verifyApplied, type StepCheck } from './migration-plan.js';
import { refuseConcurrentInTransaction, unknownId } from './refusals.js';
import { aheadOfTime, precheckAhead, prechecksFailed, type PrecheckFailure } from './prechecks-ahead.js';
import { runMigration } from './run-migration.js';
import { failedSteps, migrationStatus, type StatusReport } from './status.js';
import { undoAppliedSteps } from './undo-applied-steps.js';
import { foldSquashed, squashPartial } from './squashed-history.js';
import { decideInterrupted, isUnsettled, schemaAfterSteps, unsettledRefused } from './unsettled.js';

/** `MigratorOptions` configure `createMigrator`. */
export interface MigratorOptions {
  readonly connection: BackendConnection;
  /** The migrations folder; a relative path is relative to `process.cwd()` (docs/api.md). */
  readonly directory: string;
  readonly load?: MigrationLoader;
  readonly onEvent?: EventSink;
  /** Recorded as applied_by; defaults to user@host. */
  readonly appliedBy?: string;
  /** Called around each real run and each migration in it (README: Hooks; docs/api.md). */
  readonly hooks?: MigrationHooks;
  /** How lock timeouts are retried (default: DEFAULT_LOCK_RETRIES retries with a growing pause). */
  readonly lockRetries?: LockRetryPolicy;
  /** The environment name hooks are told (`--env`); only reported. */
  readonly environment?: string;
}

/** Options of `up`. */
export interface UpOptions {
  /** Apply pending migrations up to and including this id. */
  readonly to?: string;
  readonly dryRun?: boolean;
  /**
   * With `dryRun`: also run, read-only, the data prechecks of every pending step whose data
   * exists before the run (see `aheadOfTime`), and report every failure.
   */
  readonly prechecks?: boolean;
  readonly allowDestructive?: boolean;
  /** Without `allowDestructive`: ask (a person at a terminal) instead of refusing; see `ConfirmDestructive`. */
  readonly confirmDestructive?: ConfirmDestructive;
  /**
   * Continue a migration that failed part-way from the step that failed (the steps before it
   * stay as they are), once its cause is fixed.
   */
  readonly resume?: boolean;
  /**
   * Stops the run between migrations: once aborted, the migration in progress finishes (a
   * migration is never cut part-way by a stop) and no further one starts (a fleet's Ctrl-C).
   */
  readonly signal?: AbortSignal;
}

/** How `resolve` records a failed or interrupted migration that the user settled. */
export type Resolution =
  | { readonly applied: true }
  | { readonly rolledBack: true }
  /** The user looked: this many of its steps are in the database (the rest are not). */
  | { readonly stepsApplied: number };

/** Options of `down`. */
export interface DownOptions {
  /** How many applied migrations to roll back, newest first (default 1). */
  readonly steps?: number;
  /** Roll back every applied migration newer than this id (it stays applied). */
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly allowDestructive?: boolean;
  /** Without `allowDestructive`: ask instead of refusing; see `ConfirmDestructive`. */
  readonly confirmDestructive?: ConfirmDestructive;
}

/** `RunResult` lists the migrations a run applied or rolled back (or would, in a dry run). */
export interface RunResult {
  readonly ids: readonly string[];
  readonly dryRun: boolean;
  /** With `prechecks`: how many steps were checked against the data now, and how many only at apply time. */
  readonly prechecked?: { readonly checked: number; readonly atApply: number };
  /** `up` with a `signal` that was aborted: these pending migrations were not started. */
  readonly notStarted?: readonly string[];
}

/** `Migrator` applies, rolls back and reports migrations on one database. */
export interface Migrator {
  up(options?: UpOptions): Promise<RunResult>;
  down(options?: DownOptions): Promise<RunResult>;
  status(): Promise<StatusReport>;
  repair(id?: string): Promise<string[]>;
  /** `resolve` records how the user settled a failed or interrupted migration (Prisma's `migrate resolve`). */
  resolve(id: string, resolution: Resolution): Promise<HistoryRecord | undefined>;
}

interface PlannedRun {
  readonly replayed: ReplayedMigration;
  readonly operations: readonly Operation[];
  readonly steps: readonly StepCheck[];
  readonly warnings: readonly Warning[];
  /** Steps already in the database: a resumed migration starts after them. */
  readonly skip: number;
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
  // Resolved once: migration files are loaded by absolute path (a relative one would be taken
  // relative to the loader's own module and fail as an invalid migration).
  const directory = resolvePath(options.directory);
  const load = options.load ?? loadMigration;
  const emit: EventSink = options.onEvent ?? (() => undefined);
  const appliedBy = options.appliedBy ?? defaultAppliedBy();
  const hooked = (direction: 'up' | 'down') => ({ hooks: options.hooks ?? {}, emit, direction, target: connection.target, environment: options.environment });
  const lockRetries = options.lockRetries ?? {};

  /** The migrations folder's files; the folder must exist (see `requireMigrationsFolder`). */
  async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
    await requireMigrationsFolder(dir);
    return readFolder(dir);
  }

  /**
   * The history read through the folder's squashed migrations (see `foldSquashed`): a database
   * that applied only part of a squashed run is refused before anything runs. Under the lock
   * (`persist`), a squash now seen as applied is written down: its record, and the records of
   * the migrations it replaces removed, so every later reader sees the same history.
   */
  async function readHistory(files: readonly MigrationFile[], persist: boolean): Promise<HistoryRecord[]> {
    const view = foldSquashed(await connection.history.list(), files);
    if (view.partial.length > 0) throw squashPartial(view.partial[0]!);
    if (persist) {
      for (const { record, replaced } of view.folded) {
        await connection.history.save(record);
        for (const id of replaced) await connection.history.remove(id);
      }
    }
    return [...view.records];
  }

  async function readFiles(): Promise<MigrationFile[]> {
    const files = await readMigrationFiles(directory);
    const fork = await findFork(files);
    if (fork) throw fork;
    return files;
  }

  function plan(replayed: ReplayedMigration, operations: readonly Operation[], before = replayed.before, skip = 0): PlannedRun {
    try {
      checkCapabilities(connection.dialect, connection.capabilities, operations, before);
      refuseConcurrentInTransaction(replayed, operations, connection.capabilities.transactionalDdl);
    } catch (err) {
      if (!isTidemarkError(err)) throw err;
      throw new TidemarkError(err.code, { message: `${replayed.file.id}: ${err.message}; nothing was applied`, hint: err.hint, details: { ...err.details, migration: replayed.file.id } });
    }
    const steps = checkSteps(operations, before);
    return { replayed, operations, steps, warnings: steps.slice(skip).flatMap((s) => s.warnings), skip };
  }

  /**
   * `refuseDestructive` stops a run with destructive steps before anything is applied, unless
   * `--allow-destructive` allows them or the person asked (`confirmDestructive`, shown the rows
   * each step would lose) says yes.
   */
  async function refuseDestructive(runs: readonly PlannedRun[], opts: { allowDestructive?: boolean; confirmDestructive?: ConfirmDestructive }): Promise<void> {
    const risky = runs.filter((r) => r.warnings.length > 0);
    if (risky.length === 0) return;
    let confirmed = false;
    if (!opts.allowDestructive) {
      if (!opts.confirmDestructive) throw destructiveRefused(risky[0]!.replayed.file.id, risky[0]!.warnings);
      const steps = await destructiveSteps(risky.map((r) => ({ id: r.replayed.file.id, steps: r.steps, skip: r.skip })), connection.applier);
      if (!await opts.confirmDestructive(steps)) throw destructiveDeclined(steps);
      confirmed = true;
    }
    for (const run of risky) emit({ type: 'destructive-allowed', id: run.replayed.file.id, warnings: run.warnings, ...(confirmed ? { confirmed } : {}) });
  }

  function emitDryRun(run: PlannedRun, direction: 'up' | 'down'): void {
    const statements = run.steps.slice(run.skip).flatMap((s) => connection.applier.render(s.operation, s.before));
    emit({ type: 'dry-run', id: run.replayed.file.id, direction, statements, warnings: run.warnings, sql: connection.capabilities.nativeStatements === 'sql', ...(run.skip > 0 ? { resumeAt: run.skip + 1 } : {}) });
  }

  /**
   * `settle` turns the unsettled records (read under the lock) into how many steps of each
   * migration are in the database: a `running` record is a run that died (we hold the lock), and
   * its step is decided from the live schema or refused (TM_MIGRATION_INTERRUPTED); a `failed` one
   * with steps applied is refused unless `resume` says to continue it.
   */
  async function settle(records: readonly HistoryRecord[], replayed: readonly ReplayedMigration[], resume: boolean): Promise<Map<string, number>> {
    const skips = new Map<string, number>();
    for (const r of records.filter(isUnsettled)) {
      const migration = replayed.find((x) => x.file.id === r.id);
      if (!migration) continue; // verifyApplied reports a missing file only for applied ones; the run below names it
      if (r.outcome === 'running') {
        const k = await decideInterrupted(r, migration, connection);
        const was = r.stepsApplied ?? 0;
        emit({ type: 'interrupted', id: r.id, stepsApplied: k, decided: k > was ? `step ${k} had taken effect` : `step ${was + 1} had not taken effect` });
        skips.set(r.id, k);
      } else {
        if (!resume) throw unsettledRefused(r);
        skips.set(r.id, r.stepsApplied ?? 0);
      }
    }
    return skips;
  }

  /**
   * `precheckRun` runs, read-only, the prechecks of every pending step whose data exists before
   * the whole run (no earlier pending step touches its tables): the steps of all pending
   * migrations are one sequence for `aheadOfTime`. Every failure is reported at once.
   */
  async function precheckRun(runs: readonly PlannedRun[]): Promise<{ checked: number; atApply: number }> {
    const steps = runs.flatMap((r) => r.steps.slice(r.skip).map((step, i) => ({ step, id: r.replayed.file.id, number: r.skip + i + 1 })));
    const picked = aheadOfTime(steps.map((s) => s.step)).filter((p) => !isDataStep(p.step.operation));
    const failures: PrecheckFailure[] = [];
    for (const { index } of picked) {
      const { step, number } = steps[index]!;
      for (const error of await precheckAhead(connection.applier, step.operation)) failures.push({ step: number, error, migration: steps[index]!.id });
    }
    if (failures.length > 0) throw prechecksFailed(failures[0]!.migration!, failures, 0);
    const schemaSteps = steps.filter((s) => !isDataStep(s.step.operation)).length;
    return { checked: picked.length, atApply: schemaSteps - picked.length };
  }

  async function up(opts: UpOptions = {}): Promise<RunResult> {
    const files = await readFiles();
    if (opts.to && !files.some((f) => f.id === opts.to)) throw unknownId(opts.to);
    const work = async (): Promise<RunResult> => {
      const records = await readHistory(files, !opts.dryRun);
      verifyApplied(records, files);
      const appliedIds = new Set(records.filter((r) => r.outcome === 'applied').map((r) => r.id));
      const unsettled = new Set(records.filter(isUnsettled).map((r) => r.id));
      const newest = [...appliedIds].sort().at(-1);
      const pendingFiles = files.filter((f) => !appliedIds.has(f.id) && (!opts.to || f.id <= opts.to || unsettled.has(f.id)));
      for (const id of unsettled) if (!files.some((f) => f.id === id)) throw fileMissing(id);
      if (pendingFiles.length === 0) return { ids: [], dryRun: Boolean(opts.dryRun) };
      const replayed = await replayMigrations(files, load, connection.dialect);
      // a dry run takes no lock, so a `running` record may be a live run: it is shown, not decided
      const skips = opts.dryRun
        ? new Map(records.filter(isUnsettled).map((r) => [r.id, r.stepsApplied ?? 0]))
        : await settle(records, replayed, Boolean(opts.resume));
      const runs = replayed.filter((r) => pendingFiles.includes(r.file)).map((r) => plan(r, r.operations, r.before, skips.get(r.file.id) ?? 0));
      for (const r of runs) if (newest && r.replayed.file.id < newest && !unsettled.has(r.replayed.file.id)) emit({ type: 'out-of-order', id: r.replayed.file.id, newestApplied: newest });
      if (opts.dryRun) {
        for (const run of runs) emitDryRun(run, 'up');
        const ids = runs.map((r) => r.replayed.file.id);
        return opts.prechecks ? { ids, dryRun: true, prechecked: await precheckRun(runs) } : { ids, dryRun: true };
      }
      await refuseDestructive(runs, opts);
      const done: string[] = [];
      await runHooked(hooked('up'), runs.map((r) => r.replayed.file.id), async (id) => {
        const run = runs.find((r) => r.replayed.file.id === id)!;
        const { file } = run.replayed;
        const started = performance.now();
        await runMigration({ connection, emit, appliedBy }, run.replayed, 'up', () => connection.history.save({
          id: file.id, checksum: file.checksum, appliedAt: new Date().toISOString(),
          executionMs: Math.round(performance.now() - started), appliedBy, outcome: 'applied',
        }), { skip: run.skip, steps: run.steps, lockRetries });
      }, done, opts.signal);
      const notStarted = runs.map((r) => r.replayed.file.id).filter((id) => !done.includes(id));
      return notStarted.length > 0 ? { ids: done, dryRun: false, notStarted } : { ids: done, dryRun: false };
    };
    // read-only until something is to be applied: a dry run never creates the history table
    if (opts.dryRun) return work();
    await connection.history.ensure();
    return connection.withLock(work);
  }

  /**
   * `downFailed` takes back a migration that failed or was interrupted part-way: the inverse of
   * each applied step, newest first, then the record is removed (it is pending again). Without a
   * transaction, the record follows each undone step, so a second failure still says the truth.
   */
  async function downFailed(record: HistoryRecord, replayed: readonly ReplayedMigration[], opts: DownOptions): Promise<string> {
    const migration = replayed.find((x) => x.file.id === record.id);
    if (!migration) throw fileMissing(record.id);
    const k = record.outcome === 'running' && !opts.dryRun ? await decideInterrupted(record, migration, connection) : record.stepsApplied ?? 0;
    const settled: HistoryRecord = { ...record, outcome: 'failed', stepsApplied: k };
    const inverse = k === 0 ? [] : undoAppliedSteps(settled, migration);
    const run = plan(migration, inverse, schemaAfterSteps(migration, k));
    if (opts.dryRun) {
      emitDryRun(run, 'down');
      return record.id;
    }
    await refuseDestructive([run], opts);
    emit({ type: 'applying', id: record.id, direction: 'down' });
    const started = performance.now();
    const transactional = connection.capabilities.transactionalDdl;
    const body = async (): Promise<void> => {
      let left = k;
      for (const operation of inverse) {
        await connection.applier.apply(operation);
        left--;
        if (!transactional && left > 0) await connection.history.save({ ...settled, stepsApplied: left, appliedAt: new Date().toISOString() });
      }
      await connection.history.remove(record.id);
    };
    try {
      if (transactional) await connection.transaction(body);
      else await body();
    } catch (err) {
      if (!isTidemarkError(err)) throw err;
      throw new TidemarkError(err.code, {
        message: `${record.id} (undoing its ${k} applied step(s)): ${err.message}`,
        hint: `${err.hint}; \`tidemark migrate:status\` shows which steps are still applied`,
        details: { ...err.details, migration: record.id }, cause: err.cause ?? err,
      });
    }
    emit({ type: 'rolled-back-failed', id: record.id, steps: k });
    emit({ type: 'applied', id: record.id, direction: 'down', ms: Math.round(performance.now() - started) });
    return record.id;
  }

  async function down(opts: DownOptions = {}): Promise<RunResult> {
    // no fork check: rolling back the local side of a fork is the way out of it
    const files = await readMigrationFiles(directory);
    const work = async (): Promise<RunResult> => {
      const records = await readHistory(files, !opts.dryRun);
      verifyApplied(records, files);
      // A migration that failed part-way is the newest thing in the database: `down` takes back
      // exactly its applied steps, never the migration before it (that lost data: issue 16).
      // (one that failed and left nothing is taken back too: its record goes, it is pending again)
      const unsettled = records.filter((r) => r.outcome !== 'applied').sort((a, b) => (a.id < b.id ? 1 : -1));
      const replayedOnce = unsettled.length > 0 ? await replayMigrations(files, load, connection.dialect) : undefined;
      const done: string[] = [];
      for (const record of unsettled) {
        if (opts.to !== undefined || done.length >= (opts.steps ?? 1)) break;
        done.push(await downFailed(record, replayedOnce!, opts));
      }
      const applied = records.filter((r) => r.outcome === 'applied').map((r) => r.id).sort().reverse();
      if (opts.to !== undefined && !applied.includes(opts.to)) throw unknownId(opts.to, 'is not applied');
      if (opts.to !== undefined && unsettled.length > 0) {
        throw new TidemarkError('TM_MIGRATION_FAILED', {
          message: `${unsettled[0]!.id} failed part-way; --to would step over it`,
          hint: `run \`tidemark migrate:down\` first (it undoes the failed migration's applied steps), then --to`,
          details: { id: unsettled[0]!.id },
        });
      }
      const targets = opts.to !== undefined ? applied.filter((id) => id > opts.to!) : applied.slice(0, Math.max(0, (opts.steps ?? 1) - done.length));
      if (targets.length === 0) return { ids: done, dryRun: Boolean(opts.dryRun) };
      const replayed = replayedOnce ?? await replayMigrations(files, load, connection.dialect);
      const runs: PlannedRun[] = [];
      for (const id of targets) {
        const r = replayed.find((x) => x.file.id === id)!;
        runs.push(plan(r, await recordDown(r.migration, connection.dialect), r.after));
      }
      if (opts.dryRun) {
        for (const run of runs) emitDryRun(run, 'down');
        return { ids: [...done, ...targets], dryRun: true };
      }
      await refuseDestructive(runs, opts);
      await runHooked(hooked('down'), runs.map((r) => r.replayed.file.id), async (id) => {
        const run = runs.find((r) => r.replayed.file.id === id)!;
        await runMigration({ connection, emit, appliedBy }, run.replayed, 'down', () => connection.history.remove(id), { lockRetries });
      }, done);
      return { ids: done, dryRun: false };
    };
    if (opts.dryRun) return work();
    await connection.history.ensure();
    return connection.withLock(work);
  }

  async function status(): Promise<StatusReport> {
    const files = await readMigrationFiles(directory);
    // read-only: no history table is created; a database without one has everything pending
    const squashed = foldSquashed(await connection.history.list(), files);
    const report = migrationStatus(files, squashed.records, await findFork(files), squashed.partial);
    // Only a failed or running migration's file is loaded (status stays cheap otherwise): its
    // steps say exactly what is in the database now.
    const entries = await Promise.all(report.entries.map(async (e) => {
      const file = e.state === 'failed' || e.state === 'running' ? files.find((f) => f.id === e.id) : undefined;
      if (!file) return e;
      const recording = recordingContext(connection.dialect);
      try {
        await (await load(file)).up(recording.context);
        return { ...e, steps: failedSteps(recording.operations, e) };
      } catch {
        // the recording ended where the migration used a data step's result: its steps up to there
        if (recording.stopped()) return { ...e, steps: failedSteps(recording.operations, e) };
        return e; // the file no longer loads: the recorded count and error still say what happened
      }
    }));
    return { ...report, entries };
  }

  async function repair(id?: string): Promise<string[]> {
    const files = await readMigrationFiles(directory);
    if (id && !files.some((f) => f.id === id)) throw unknownId(id);
    await connection.history.ensure();
    return connection.withLock(async () => {
      const repaired: string[] = [];
      for (const r of await connection.history.list()) {
        const f = files.find((x) => x.id === r.id);
        if (!f || (id && r.id !== id)) continue;
        if (r.outcome !== 'applied') {
          if (r.id === id) {
            throw new TidemarkError('TM_USAGE', {
              message: `${r.id} is ${r.outcome === 'running' ? 'interrupted' : 'failed'}, not an applied migration whose file was edited`,
              hint: `say how it was settled with \`tidemark migrate:resolve ${r.id} --applied\` or \`--rolled-back\`, or let \`tidemark migrate:up --resume\` / \`tidemark migrate:down\` settle it`,
              details: { id: r.id },
            });
          }
          continue;
        }
        if (f.checksum === r.checksum) continue;
        await connection.history.save({ ...r, checksum: f.checksum });
        repaired.push(r.id);
      }
      return repaired;
    });
  }

  async function resolve(id: string, resolution: Resolution): Promise<HistoryRecord | undefined> {
    const files = await readMigrationFiles(directory);
    const file = files.find((f) => f.id === id);
    await connection.history.ensure();
    return connection.withLock(async () => {
      const record = (await connection.history.list()).find((r) => r.id === id);
      if (!record && 'applied' in resolution && file) {
        // a pending migration whose change is already in this database (drift captured in a
        // migration, a baseline): recorded as applied here without running; elsewhere it runs
        const applied: HistoryRecord = { id, checksum: file.checksum, appliedAt: new Date().toISOString(), executionMs: 0, appliedBy, outcome: 'applied' };
        await connection.history.save(applied);
        return applied;
      }
      if (!record || record.outcome === 'applied') {
        throw new TidemarkError('TM_USAGE', {
          message: `${id} is ${record ? 'applied' : 'not recorded in this database (pending)'}: there is nothing to resolve`,
          hint: record
            ? 'migrate:resolve settles a failed or interrupted migration; `tidemark migrate:status` shows which one'
            : `a pending migration can only be recorded as applied (\`tidemark migrate:resolve ${id} --applied\`), when its change is already in this database`,
          details: { id },
        });
      }
      if ('rolledBack' in resolution) {
        await connection.history.remove(id);
        return undefined;
      }
      if (!file) throw unknownId(id);
      const { error: _error, stepsApplied: _steps, failedStep: _failed, ...rest } = record;
      if ('applied' in resolution) {
        const applied: HistoryRecord = { ...rest, checksum: file.checksum, outcome: 'applied' };
        await connection.history.save(applied);
        return applied;
      }
      const [replayed] = (await replayMigrations(files, load, connection.dialect)).filter((r) => r.file.id === id);
      const total = replayed!.operations.length;
      const n = resolution.stepsApplied;
      if (!Number.isInteger(n) || n < 0 || n >= total) {
        throw new TidemarkError('TM_USAGE', {
          message: `--steps-applied ${n} does not fit ${id}, which has ${total} step(s)`,
          hint: n === total ? `every step is applied: use \`tidemark migrate:resolve ${id} --applied\`` : `give a number from 0 to ${total - 1}`,
          details: { id, total },
        });
      }
      const settled: HistoryRecord = {
        ...rest, outcome: 'failed', stepsApplied: n, failedStep: n + 1,
        error: `${record.error ?? `interrupted during step ${(record.stepsApplied ?? 0) + 1}`}; settled by hand: ${n} step(s) applied`,
      };
      await connection.history.save(settled);
      return settled;
    });
  }

  return { up, down, status, repair, resolve };
}

export type { Migration };
