import type { ConnectOptions } from '@tidemark/core';
import type { MigratorOptions } from '@tidemark/migrator';
import type { CommandContext } from '../command-context.js';
import type { TidemarkConfig } from '../config.js';
import { hookCommands } from '../production/hook-commands.js';
import type { ProductionArgs } from '../production/run-settings.js';
import { selectEnvironment, type SelectedEnvironment } from '../production/select-environment.js';
import { resolveTimeouts } from '../production/timeout-settings.js';
import { formatTrace } from '../production/verbose-trace.js';

/** `FleetSettings` are what every target of a fleet runs with: one environment, its timeouts, hooks and tracing. */
export interface FleetSettings {
  readonly environment?: SelectedEnvironment;
  readonly connect: Omit<ConnectOptions, 'readOnly'>;
  readonly migrator: Pick<MigratorOptions, 'hooks' | 'lockRetries' | 'environment'>;
}

/**
 * `resolveFleetSettings` is `resolveRunSettings` without a URL (the targets name the databases):
 * the environment (`--env`, TIDEMARK_ENV), timeouts, hooks and `--verbose` apply to every target
 * as they would to one database (README: Production runs).
 */
export function resolveFleetSettings(args: ProductionArgs, ctx: CommandContext, config: TidemarkConfig): FleetSettings {
  const environment = selectEnvironment(config, args.env, ctx.env);
  const timeouts = resolveTimeouts(args, ctx.env, config, environment);
  const hooks = config.hooks ? hookCommands(config.hooks, { cwd: config.root, env: ctx.env, output: (chunk) => ctx.out.trace(chunk) }) : undefined;
  return {
    ...(environment ? { environment } : {}),
    connect: { timeouts: timeouts.session, ...(args.verbose ? { onStatement: (trace) => ctx.out.trace(formatTrace(trace)) } : {}) },
    migrator: { lockRetries: { retries: timeouts.lockRetries }, ...(hooks ? { hooks } : {}), ...(environment ? { environment: environment.name } : {}) },
  };
}
