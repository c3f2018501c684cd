import yargs from 'yargs';
import { isTidemarkError, usageError } from '@tidemark/core';
import type { CommandContext } from './command-context.js';
import { checkCommand } from './commands/check.js';
import { downCommand } from './commands/down.js';
import { freshCommand } from './commands/fresh.js';
import { generateCommand } from './commands/generate.js';
import { initCommand } from './commands/init.js';
import { repairCommand } from './commands/repair.js';
import { withDotEnv } from './dotenv.js';
import { resolveCommand } from './commands/resolve.js';
import { statusCommand } from './commands/status.js';
import { upCommand } from './commands/up.js';
import { Output, useColors } from './output.js';

/** `MainIo` is where the CLI runs; tests pass their own. */
export interface MainIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly interactive: boolean;
}

/**
 * yargs formats a command's whole help text just after starting its handler, in case a later
 * failure prints it (a fifth of `migrate:status`'s cold start). Failures here throw from `fail`
 * and are printed by `Output` without help, so that text is never shown; `--help` formats its own.
 */
function skipHelpCache(cli: object): void {
  const internal = (cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/**
 * `main` runs one `tidemark` command line and returns the exit code (README: CLI): 0 done,
 * 1 a database or migration failed, 2 bad input, 3 refused for safety.
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const out = new Output(argv.includes('--json'), io.stdout, io.stderr, useColors(io.stdout, io.env));
  let exitCode = 0;
  const setExit = (code: number): void => { exitCode = code; };
  try {
    const ctx: CommandContext = { cwd: io.cwd, env: withDotEnv(io.cwd, io.env), out, interactive: io.interactive };
    const cli = yargs([...argv]);
    skipHelpCache(cli);
    await cli
      .scriptName('tidemark')
      .usage('$0 <command> [options]\n\nTurns edited entity classes into reviewed migrations and applies them.')
      .option('url', { type: 'string', describe: 'database URL (beats DATABASE_URL, which beats the config file)' })
      .option('config', { type: 'string', describe: 'config file (default ./tidemark.config.json)' })
      .option('json', { type: 'boolean', describe: 'machine-readable output' })
      .command(initCommand(ctx))
      .command(generateCommand(ctx))
      .command(upCommand(ctx))
      .command(downCommand(ctx))
      .command(statusCommand(ctx, setExit))
      .command(checkCommand(ctx))
      .command(freshCommand(ctx))
      .command(repairCommand(ctx))
      .command(resolveCommand(ctx))
      .demandCommand(1, 'name a command, e.g. tidemark migrate:status')
      .strict()
      .help()
      .version(false)
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((message, err) => {
        throw err ?? usageError(message, 'run `tidemark --help` or `tidemark <command> --help`');
      })
      .parseAsync();
  } catch (err) {
    out.error(err);
    return isTidemarkError(err) ? err.exitCode : 1;
  } finally {
    out.flush();
  }
  return exitCode;
}
