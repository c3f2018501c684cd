import type { ProgressListener } from '@tidemark/core';
import type { MongoCommandRunner } from '../command-runner.js';
import { runChecks } from '../prechecks/run-checks.js';
import { runCommand } from '../run-command.js';
import type { MongoPlan } from '../apply/plan.js';
import { runRewrite } from './rewrite.js';

/** `RunPlanOptions` tune a plan's data steps. */
export interface RunPlanOptions {
  readonly op: string;
  readonly batchSize: number;
  readonly onProgress?: ProgressListener | undefined;
}

/**
 * `runPlan` runs a plan: every precheck (reads only), then each step in order. If a step fails,
 * the plan's `undo` commands run (best effort: their own errors are dropped, the step's error is
 * what the user needs) and the step's error is thrown. MongoDB cannot roll DDL back, so steps
 * before the failing one stay; the migrator records how far the migration got.
 */
export async function runPlan(runner: MongoCommandRunner, plan: MongoPlan, options: RunPlanOptions): Promise<void> {
  await runChecks(runner, plan.checks, options.op);
  try {
    for (const step of plan.steps) {
      if (step.kind === 'command') await runCommand(runner, step.command, { target: step.target ?? 'database', op: options.op });
      else await runRewrite(runner, step, options);
    }
  } catch (err) {
    for (const command of plan.undo) await runner.command(command).catch(() => undefined);
    throw err;
  }
}
