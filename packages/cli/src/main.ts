import yargs from 'yargs';
import { isTidemarkError, usageError } from '@tidemark/core';
import { cliVersion } from './cli-version.js';
import type { CommandContext } from './command-context.js';
import { baselineCommand } from './commands/baseline.js';
import { checkCommand } from './commands/check.js';
import { discardCommand } from './commands/discard.js';
import { downCommand } from './commands/down.js';
import { freshCommand } from './commands/fresh.js';
import { generateCommand } from './commands/generate.js';
import { initCommand } from './commands/init.js';
import { pullCommand } from './commands/pull.js';
import { repairCommand } from './commands/repair.js';
import { withDotEnv } from './dotenv.js';
import { resolveCommand } from './commands/resolve.js';
import { squashCommand } from './commands/squash.js';
import { snapshotCommand } from './commands/snapshot.js';
import { seedCommand } from './commands/seed.js';
import { verifyCommand } from './commands/verify.js';
import { statusCommand } from './commands/status.js';
import { upCommand } from './commands/up.js';
import { everyHelpEndsWith, EXIT_CODES_HELP, unknownCommand } from './help.js';
import { Output, useColors } from './output.js';
import type { RunProgress } from './run-progress.js';

/** `MainIo` is where the CLI runs; tests pass their own. */
export interface MainIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly interactive: boolean;
  /** What the run has done, for the line Ctrl-C prints (see run-progress.ts). */
  readonly progress?: RunProgress;
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
 * 1 a database or migration failed, 2 bad input, 3 refused for safety, 130 cancelled (Ctrl-C).
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const out = new Output(argv.includes('--json'), io.stdout, io.stderr, useColors(io.stdout, io.env) && !argv.includes('--no-color'));
  let exitCode = 0;
  const setExit = (code: number): void => { exitCode = code; };
  try {
    const ctx: CommandContext = { cwd: io.cwd, env: withDotEnv(io.cwd, io.env), out, interactive: io.interactive, progress: io.progress };
    const cli = everyHelpEndsWith(yargs([...argv]), EXIT_CODES_HELP);
    skipHelpCache(cli);
    await cli
      .scriptName('tidemark')
      .usage('$0 <command> [options]\n\nTurns edited entity classes into reviewed migrations and applies them.')
      .option('url', { type: 'string', describe: 'database URL (beats DATABASE_URL, which beats the config file)' })
      .option('config', { type: 'string', describe: 'config file (default ./tidemark.config.json)' })
      .option('json', { type: 'boolean', describe: 'machine-readable output' })
      .option('env', { type: 'string', describe: 'the environment of tidemark.config.json to run against (default TIDEMARK_ENV)' })
      .option('verbose', { type: 'boolean', describe: 'print every statement or command as it is sent, with its duration, on stderr' })
      .option('color', { type: 'boolean', describe: 'colours on a terminal; --no-color (or NO_COLOR=1) turns them off' })
      .command(initCommand(ctx))
      .command(generateCommand(ctx))
      .command(upCommand(ctx, setExit))
      .command(downCommand(ctx))
      .command(statusCommand(ctx, setExit))
      .command(checkCommand(ctx, setExit))
      .command(freshCommand(ctx))
      .command(repairCommand(ctx))
      .command(resolveCommand(ctx))
      .command(pullCommand(ctx))
      .command(baselineCommand(ctx))
      .command(squashCommand(ctx))
      .command(snapshotCommand(ctx))
      .command(discardCommand(ctx))
      .command(seedCommand(ctx))
      .command(verifyCommand(ctx))
      .demandCommand(1, 'name a command, e.g. tidemark migrate:status')
      .strict()
      .example('$0 migrate:generate -m "add user website"', 'write a migration for the models you edited')
      .example('$0 migrate:up', 'apply pending migrations')
      .example('$0 migrate:status', 'what is applied, pending, changed or failed')
      .example('$0 migrate:check', 'in CI: exit 3 if a model change has no migration')
      .epilogue(EXIT_CODES_HELP)
      .help()
      .version('version', 'print the version', cliVersion())
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((message, err) => {
        throw err ?? unknownCommand(argv, cli) ?? usageError(message, 'run `tidemark --help` or `tidemark <command> --help`');
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
