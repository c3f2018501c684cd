import { join } from 'node:path';
import { envForbidden, notConfirmed, redactUrl, type BackendConnection } from '@tidemark/core';
import { createMigrator, type Migrator } from '@tidemark/migrator';
import type { CommandContext } from '../command-context.js';
import type { TidemarkConfig } from '../config.js';
import { askYesNo } from './ask.js';
import type { RunSettings } from './run-settings.js';
import type { SelectedEnvironment } from './select-environment.js';

/** `GuardArgs` are the flags the guards read. */
export interface GuardArgs {
  readonly yes?: boolean;
  readonly dryRun?: boolean;
}

/** A migrator that prints what it plans (the dry run's lines) and keeps none of it for --json. */
function planner(ctx: CommandContext, connection: BackendConnection, config: TidemarkConfig): Migrator {
  return createMigrator({ connection, directory: join(config.root, config.migrations), onEvent: (e) => ctx.out.event(e) });
}

/**
 * `confirm` asks for a yes before a change to an environment with `confirm: true`: on a
 * terminal it asks (No by default); without one (or with --json, whose stdout is not a person's)
 * it refuses with TM_NOT_CONFIRMED naming --yes. --yes answers it in advance (CI).
 */
async function confirm(ctx: CommandContext, environment: SelectedEnvironment, command: string, question: string): Promise<void> {
  if (!ctx.interactive || ctx.out.json) throw notConfirmed(environment.name, 'no-terminal', command);
  if (!(await askYesNo(question))) throw notConfirmed(environment.name, 'declined', command);
}

const where = (environment: SelectedEnvironment, connection: BackendConnection): string => `${environment.name} (${redactUrl(connection.target)})`;

/**
 * `confirmUp` guards `migrate:up` on an environment that requires confirmation: it prints the
 * plan (exactly what `migrate:up --dry-run` prints) and asks. It returns the last migration the
 * user saw, so the run applies nothing that was not shown (a migration that lands between the
 * plan and the run waits for the next run); undefined when there is nothing to confirm.
 */
export async function confirmUp(ctx: CommandContext, connection: BackendConnection, config: TidemarkConfig, settings: RunSettings,
  args: GuardArgs & { readonly to?: string }): Promise<string | undefined> {
  const environment = settings.environment;
  if (!environment?.confirm || args.yes || args.dryRun) return undefined;
  ctx.out.line(`Plan for environment ${where(environment, connection)}:`);
  const { ids } = await planner(ctx, connection, config).up({ ...(args.to ? { to: args.to } : {}), dryRun: true });
  if (ids.length === 0) return undefined;
  await confirm(ctx, environment, 'migrate:up', `Apply ${ids.length} migration(s) to ${where(environment, connection)}?`);
  return ids.at(-1);
}

/**
 * `guardDown` enforces an environment's rules on `migrate:down`: `allowDown: false` refuses it,
 * `maxRollbackSteps` caps how many migrations one run takes back, and `confirm` shows the plan
 * and asks. A dry run is always allowed: it changes nothing.
 */
export async function guardDown(ctx: CommandContext, connection: BackendConnection, config: TidemarkConfig, settings: RunSettings,
  args: GuardArgs & { readonly steps?: number; readonly to?: string }): Promise<void> {
  const environment = settings.environment;
  if (!environment || args.dryRun) return;
  if (!environment.allowDown) {
    throw envForbidden(environment.name, environment.file, 'does not allow migrate:down ("allowDown": false)',
      'roll forward instead: write a new migration that undoes the change (migrate:generate), review it, and apply it with migrate:up');
  }
  const max = environment.maxRollbackSteps;
  const needsPlan = environment.confirm && !args.yes;
  if (max === undefined && !needsPlan) return;
  if (needsPlan) ctx.out.line(`Plan for environment ${where(environment, connection)}:`);
  const plan = needsPlan ? planner(ctx, connection, config) : createMigrator({ connection, directory: join(config.root, config.migrations) });
  const { ids } = await plan.down({ ...(args.to ? { to: args.to } : { steps: args.steps ?? 1 }), dryRun: true });
  if (max !== undefined && ids.length > max) {
    throw envForbidden(environment.name, environment.file, `allows at most ${max} migration(s) per migrate:down ("maxRollbackSteps"), and this one would roll back ${ids.length}`,
      `roll back at most ${max} at a time (--steps ${Math.max(1, max)}), checking the application between runs`);
  }
  if (needsPlan && ids.length > 0) await confirm(ctx, environment, 'migrate:down', `Roll back ${ids.length} migration(s) on ${where(environment, connection)}?`);
}

/** `guardFresh` enforces an environment's rules on `migrate:fresh`: `allowFresh: false` refuses it, `confirm` asks. */
export async function guardFresh(ctx: CommandContext, connection: BackendConnection, settings: RunSettings, args: GuardArgs): Promise<void> {
  const environment = settings.environment;
  if (!environment) return;
  if (!environment.allowFresh) {
    throw envForbidden(environment.name, environment.file, 'does not allow migrate:fresh ("allowFresh": false)',
      'migrate:fresh drops every table; run it on a development or test environment');
  }
  if (environment.confirm && !args.yes) {
    await confirm(ctx, environment, 'migrate:fresh', `Drop every table Tidemark manages on ${where(environment, connection)} and apply every migration again?`);
  }
}
