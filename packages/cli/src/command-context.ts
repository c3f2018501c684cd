import { join } from 'node:path';
import type { BackendConnection, ConnectOptions } from '@tidemark/core';
import { createMigrator, type Migrator, type MigratorEvent } from '@tidemark/migrator';
import { loadConfig, type TidemarkConfig } from './config.js';
import { connect } from './load-backend.js';
import { resolveRelativeSqlite } from './relative-sqlite.js';
import type { Output } from './output.js';
import { resolveRunSettings, type ProductionArgs, type RunSettings } from './production/run-settings.js';
import type { RunProgress } from './run-progress.js';

/** `GlobalArgs` are the options every command takes (and the production flags some add: ProductionArgs). */
export interface GlobalArgs extends ProductionArgs {
  readonly url?: string;
  readonly config?: string;
  readonly json?: boolean;
}

/** `CommandContext` is what a command handler gets: where it runs and how it prints. */
export interface CommandContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly out: Output;
  /** Whether a person is at a terminal to answer questions. */
  readonly interactive: boolean;
  /** What the run has done so far, for the line Ctrl-C prints (the binary sets it; tests need not). */
  readonly progress?: RunProgress | undefined;
}

/**
 * `withConnection` opens the database the flags, environment or config name, and always closes it.
 * Read-only commands pass `{ readOnly: true }`: opening then creates nothing (not even a SQLite file).
 */
export async function withConnection<T>(
  ctx: CommandContext, args: GlobalArgs, fn: (connection: BackendConnection, config: TidemarkConfig, settings: RunSettings) => Promise<T>,
  loaded?: TidemarkConfig, options: ConnectOptions = {},
): Promise<T> {
  const config = loaded ?? await loadConfig(ctx.cwd, args.config);
  const settings = resolveRunSettings(args, ctx.env, config, ctx.out);
  const connection = await connect(settings.urlFromConfig ? resolveRelativeSqlite(settings.url, config.root) : settings.url, {
    ...options, timeouts: settings.timeouts.session, ...(settings.onStatement ? { onStatement: settings.onStatement } : {}),
  });
  ctx.progress?.connectedTo(connection.dialect, connection.capabilities.transactionalDdl);
  try {
    return await fn(connection, config, settings);
  } finally {
    await connection.close();
  }
}


/**
 * `openMigrator` binds the config's migrations folder to an open connection, printing progress
 * and collecting the events for `--json`.
 */
export function openMigrator(ctx: CommandContext, connection: BackendConnection, config: TidemarkConfig, settings?: RunSettings): { migrator: Migrator; events: MigratorEvent[] } {
  const events: MigratorEvent[] = [];
  const migrator = createMigrator({
    connection,
    directory: join(config.root, config.migrations),
    onEvent: (e) => { events.push(e); ctx.progress?.event(e); ctx.out.event(e); },
    // README: Hooks, Timeouts, Environments
    ...(settings?.hooks ? { hooks: settings.hooks } : {}),
    ...(settings ? { lockRetries: { retries: settings.timeouts.lockRetries } } : {}),
    ...(settings?.environment ? { environment: settings.environment.name } : {}),
  });
  return { migrator, events };
}
