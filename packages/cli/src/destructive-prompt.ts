import type { ConfirmDestructive, DestructiveStep } from '@tidemark/migrator';
import type { CommandContext } from './command-context.js';
import { askOrCancel } from './prompt-cancel.js';

/**
 * `destructivePrompt` is how `migrate:up` and `migrate:down` ask before a step that loses data,
 * when a person is at the terminal: the steps with the rows each would lose, then a yes/no
 * question whose default is No. Without a terminal (or with --json) there is no question: the
 * run is refused (TM_DESTRUCTIVE_REFUSED, exit 3) and names --allow-destructive.
 */
export function destructivePrompt(ctx: CommandContext): ConfirmDestructive | undefined {
  if (!ctx.interactive || ctx.out.json) return undefined;
  return async (steps) => {
    ctx.out.line('These steps lose data:');
    for (const s of steps) ctx.out.line(`  ${describeStep(s)}`);
    const { confirm } = await import('@inquirer/prompts');
    return askOrCancel(
      () => confirm({ message: 'Run them? The data cannot be brought back (--allow-destructive skips this question)', default: false }),
      'nothing was applied',
    );
  };
}

/** `askBeforeDestructive` is the migrator option that asks on a terminal, or none (the run is refused). */
export function askBeforeDestructive(ctx: CommandContext): { confirmDestructive?: ConfirmDestructive } {
  const confirmDestructive = destructivePrompt(ctx);
  return confirmDestructive ? { confirmDestructive } : {};
}

/** `describeStep` is one line of the question: the migration and step, the warning, the rows it loses now. */
export function describeStep(s: DestructiveStep): string {
  return `${s.migration} step ${s.step}: ${s.warning.code} ${s.warning.message} — ${lossOf(s)}`;
}

function lossOf(s: DestructiveStep): string {
  if (s.rows === undefined) return `not counted: ${s.notCounted ?? 'unknown'}`;
  const where = s.column === undefined ? s.table : `${s.table}.${s.column}`;
  if (s.column === undefined) return `${s.rows} row(s) in ${where} now`;
  return `${s.rows} row(s) hold a value in ${where} now`;
}
