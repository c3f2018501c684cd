import type { Argv, CommandModule } from 'yargs';
import { usageError, type TidemarkError } from '@tidemark/core';
import { suggestCommand } from './suggest-command.js';

/** `EXIT_CODES_HELP` ends every `--help` (README: CLI): what a script can tell from the exit code. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0    done',
  '  1    a database or migration failed',
  '  2    bad input (flags, models, config, URL, migration files)',
  '  3    refused for safety (destructive steps without --allow-destructive, an edited applied migration, drift)',
  '  130  cancelled (Ctrl-C)',
].join('\n');

/** The global options whose value is the next word (`--url sqlite:x.db`): that word is not a command. */
const OPTIONS_WITH_VALUES = new Set(['--url', '--config']);

/**
 * `unknownCommand` is TM_USAGE for a first word that names no command, with the command it most
 * likely meant (`tidemark status` → "did you mean tidemark migrate:status?"). The commands are
 * read from yargs, so every registered command is a candidate. `undefined` when the first word
 * is a command (the failure is about something else).
 */
export function unknownCommand(argv: readonly string[], y: Argv | undefined): TidemarkError | undefined {
  const word = argv.find((a, i) => !a.startsWith('-') && !OPTIONS_WITH_VALUES.has(argv[i - 1] ?? ''));
  if (word === undefined || !y) return undefined;
  const commands = registeredCommands(y);
  if (commands.length === 0 || commands.includes(word)) return undefined;
  const suggestion = suggestCommand(word, commands);
  return usageError(
    `unknown command ${word}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
    suggestion ? `run \`tidemark ${suggestion}\`, or \`tidemark --help\` for every command` : `run \`tidemark --help\` for every command: ${commands.join(', ')}`,
  );
}

/** The command names yargs knows (its command instance is internal, but stable through yargs 17 and 18). */
function registeredCommands(y: Argv): string[] {
  const internal = y as unknown as { getInternalMethods?: () => { getCommandInstance?: () => { getCommands?: () => string[] } } };
  return internal.getInternalMethods?.().getCommandInstance?.().getCommands?.() ?? [];
}

/**
 * `everyHelpEndsWith` makes `<command> --help` of every command registered on `y` end with
 * `epilogue` (yargs shows the top level's epilogue only on the top level's help): each command
 * module's builder gets it appended, so a command added later needs nothing to get it.
 */
export function everyHelpEndsWith<T>(y: Argv<T>, epilogue: string): Argv<T> {
  const register = y.command.bind(y) as (module: CommandModule<T, unknown>) => Argv<T>;
  const withEpilogue = (module: CommandModule<T, unknown>): Argv<T> => register({
    ...module,
    builder: (b: Argv<T>) => {
      const built = typeof module.builder === 'function' ? module.builder(b) : b.options(module.builder ?? {});
      return (built as Argv<T>).epilogue(epilogue);
    },
  } as CommandModule<T, unknown>);
  (y as unknown as { command: typeof withEpilogue }).command = withEpilogue;
  return y;
}
