import type { StatementListener } from '@tidemark/core';
import type { MigrationHooks } from '@tidemark/migrator';
import type { TidemarkConfig } from '../config.js';
import type { Output } from '../output.js';
import { resolveUrl } from '../resolve-url.js';
import { hookCommands } from './hook-commands.js';
import { selectEnvironment, type SelectedEnvironment } from './select-environment.js';
import { resolveTimeouts, type ResolvedTimeouts, type TimeoutFlags } from './timeout-settings.js';
import { formatTrace } from './verbose-trace.js';

/** `ProductionArgs` are the flags of README: Environments, Timeouts and --verbose. */
export interface ProductionArgs extends TimeoutFlags {
  readonly url?: string;
  readonly env?: string;
  readonly verbose?: boolean;
  readonly yes?: boolean;
}

/** `RunSettings` are what a command that opens a database runs with, decided once. */
export interface RunSettings {
  readonly environment?: SelectedEnvironment;
  readonly url: string;
  /** Whether the URL came from the config file (a relative sqlite: path is then relative to it). */
  readonly urlFromConfig: boolean;
  readonly timeouts: ResolvedTimeouts;
  readonly hooks?: MigrationHooks;
  readonly onStatement?: StatementListener;
}

/** `resolveRunSettings` decides the environment, URL, timeouts, hooks and tracing of one command. */
export function resolveRunSettings(args: ProductionArgs, env: NodeJS.ProcessEnv, config: TidemarkConfig, out: Output): RunSettings {
  const environment = selectEnvironment(config, args.env, env);
  const url = resolveUrl(args.url, env, config.url, environment?.url);
  const urlFromConfig = args.url === undefined && (environment?.url !== undefined || !env.DATABASE_URL);
  const hooks = config.hooks ? hookCommands(config.hooks, { cwd: config.root, env, output: (chunk) => out.trace(chunk) }) : undefined;
  return {
    ...(environment ? { environment } : {}),
    url, urlFromConfig,
    timeouts: resolveTimeouts(args, env, config, environment),
    ...(hooks ? { hooks } : {}),
    ...(args.verbose ? { onStatement: (trace) => out.trace(formatTrace(trace)) } : {}),
  };
}
