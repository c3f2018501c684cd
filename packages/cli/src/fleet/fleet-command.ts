import { join } from 'node:path';
import { notConfirmed, usageError } from '@tidemark/core';
import type { CommandContext, GlobalArgs } from '../command-context.js';
import { loadConfig } from '../config.js';
import { handleInterrupt } from '../run-progress.js';
import { resolveFleetSettings } from './fleet-settings.js';
import { readTargets, type FleetTarget } from './read-targets.js';
import { DEFAULT_FLEET_CONCURRENCY, runFleet, type FleetAction, type FleetOptions, type FleetReport, type TargetResult } from './run-fleet.js';

/** `FleetArgs` are the options `migrate:up`, `migrate:status` and `migrate:check` take for a fleet. */
export interface FleetArgs extends GlobalArgs {
  readonly targets?: string;
  readonly concurrency?: number;
}

/** The `--targets` and `--concurrency` options, described once for every command that takes them. */
export const FLEET_OPTIONS = {
  targets: {
    type: 'string', describe: 'run on many databases: a file of URLs (one per line, or JSON with "schemas"), `-` for stdin, or `cmd:<command>` whose output lists them',
  },
  concurrency: { type: 'number', describe: `with --targets: how many targets run at once (default ${DEFAULT_FLEET_CONCURRENCY})` },
} as const;

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_STOPPED = 130;

/**
 * `runFleetCommand` is the `--targets` form of a command: read the targets, run the action on each
 * (README: Fleets), print one line per finished target (or a progress line on a terminal), then
 * the table of every target, and set the exit code: 1 if any target failed, 3 if any was refused
 * (drift, an edited migration), 130 if Ctrl-C stopped the run early, else 0.
 */
export async function runFleetCommand(
  ctx: CommandContext, args: FleetArgs, action: FleetAction, setExit: (code: number) => void,
  up?: FleetOptions['up'], excluded?: FleetOptions['excluded'],
): Promise<void> {
  if (args.url) throw usageError('--url and --targets name different databases; give one of them', 'tidemark migrate:up --targets targets.txt');
  const concurrency = args.concurrency ?? DEFAULT_FLEET_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw usageError(`--concurrency must be a whole number of at least 1, not ${args.concurrency}`, 'tidemark migrate:up --targets targets.txt --concurrency 8');
  const config = await loadConfig(ctx.cwd, args.config);
  const settings = resolveFleetSettings(args, ctx, config);
  // an environment that asks before it changes anything asks once for the whole fleet: --yes
  if (action === 'up' && settings.environment?.confirm && !args.yes) throw notConfirmed(settings.environment.name, 'no-terminal', 'migrate:up --targets …');
  const targets = await readTargets(args.targets!, ctx.cwd);
  const stop = stopOnInterrupt(ctx, action);
  const progress = progressPrinter(ctx, targets);
  let report: FleetReport;
  try {
    report = await runFleet({
      targets, directory: join(config.root, config.migrations), action, concurrency, signal: stop.signal,
      ...(up ? { up } : {}), ...(excluded ? { excluded } : {}), connect: settings.connect, migrator: settings.migrator, onStart: progress.started, onDone: progress.done,
    });
  } finally {
    stop.dispose();
    progress.end();
  }
  ctx.out.result({ ok: report.ok, action, counts: report.counts, targets: report.results });
  printTable(ctx, report);
  setExit(exitCode(report));
}

function exitCode(report: FleetReport): number {
  const has = (outcome: TargetResult['outcome']): boolean => (report.counts[outcome] ?? 0) > 0;
  if (has('failed')) return 1;
  if (has('refused')) return 3;
  if (has('stopped') || has('not started')) return EXIT_STOPPED;
  return 0;
}

/**
 * The first Ctrl-C stops starting targets and lets the running ones finish their current
 * migration; a second one exits at once (a target cut mid-migration is settled by its next
 * `migrate:up`, docs/failure-recovery.md).
 */
function stopOnInterrupt(ctx: CommandContext, action: FleetAction): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_STOPPED);
    controller.abort();
    ctx.out.progress();
    ctx.out.warn(action === 'up'
      ? 'stopping: no new target starts; running ones finish their current migration (Ctrl-C again to quit at once)'
      : 'stopping: no new target starts (Ctrl-C again to quit at once)');
  };
  return { signal: controller.signal, dispose: handleInterrupt(onInterrupt) };
}

/** On a terminal one rewritten line (done / total, failures, running); otherwise one quiet line per finished target. */
function progressPrinter(ctx: CommandContext, targets: readonly FleetTarget[]) {
  let running = 0;
  let done = 0;
  let failed = 0;
  const draw = (): void => {
    if (ctx.interactive) ctx.out.progress(`targets ${done}/${targets.length} done, ${failed} failed, ${running} running`);
  };
  return {
    started: (): void => { running++; draw(); },
    done: (r: TargetResult): void => {
      if (r.outcome !== 'not started') running--;
      done++;
      if (r.outcome === 'failed' || r.outcome === 'refused') failed++;
      if (ctx.interactive) draw();
      else if (r.outcome !== 'not started') ctx.out.line(`[${done}/${targets.length}] ${r.target}: ${describeResult(r)}`);
    },
    end: (): void => { if (ctx.interactive) ctx.out.progress(); },
  };
}

function describeResult(r: TargetResult): string {
  switch (r.outcome) {
    case 'applied': return `applied ${r.applied.length} migration(s) (${r.ms} ms)`;
    case 'current': return 'up to date';
    case 'pending': return `${r.pending.length} pending`;
    case 'stopped': return `stopped after ${r.applied.length} migration(s); ${r.pending.length} not started`;
    case 'not started': return 'not started';
    case 'failed':
    case 'refused': {
      const f = r.failure!;
      const where = f.migration ? ` at ${f.migration}${f.step !== undefined ? ` step ${f.step}` : ''}` : '';
      const kept = r.applied.length > 0 ? ` (after applying ${r.applied.length})` : '';
      return `${r.outcome.toUpperCase()}${where}${kept}: ${f.code} ${f.message}`;
    }
  }
}

function printTable(ctx: CommandContext, report: FleetReport): void {
  const width = Math.min(60, Math.max(6, ...report.results.map((r) => r.target.length)));
  ctx.out.line();
  ctx.out.line(`${'target'.padEnd(width)}  result`);
  for (const r of report.results) ctx.out.line(`${r.target.padEnd(width)}  ${describeResult(r)}`);
  const summary = Object.entries(report.counts).map(([outcome, n]) => `${n} ${outcome}`).join(', ');
  ctx.out.line();
  ctx.out.line(`${report.ok ? '✅' : '❌'} ${report.results.length} target(s): ${summary}`);
  const firstBad = report.results.find((r) => r.failure);
  if (firstBad?.failure) ctx.out.line(`hint (${firstBad.target}): ${firstBad.failure.hint}`);
  if (!report.ok && report.action === 'up') ctx.out.line('Fix the cause and run the same command again: targets already up to date are skipped, the rest continue.');
}
