import type { Argv } from 'yargs';
import { usageError } from '@tidemark/core';
import { openMigrator, withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';
import { guardDown } from '../production/confirm-environment.js';
import { withRunOptions } from '../production/production-options.js';
import { askBeforeDestructive } from '../destructive-prompt.js';

interface DownArgs extends GlobalArgs {
  readonly steps?: number;
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly allowDestructive?: boolean;
}

/** `downCommand` is `migrate:down`. */
export function downCommand(ctx: CommandContext) {
  return {
    command: 'migrate:down',
    describe: 'roll back applied migrations, newest first',
    builder: (y: Argv<GlobalArgs>) =>
      withRunOptions(y)
        .option('steps', { type: 'number', describe: 'how many migrations to roll back (default 1)' })
        .option('to', { type: 'string', describe: 'roll back every migration newer than this id (it stays applied)' })
        .option('dry-run', { type: 'boolean', describe: 'print what would run and change nothing' })
        .option('allow-destructive', { type: 'boolean', describe: 'allow down steps that drop tables or columns (their data is lost)' })
        .conflicts('steps', 'to')
        .example('$0 migrate:down --dry-run', 'print what rolling back the newest would run').example('$0 migrate:down --steps 2 --allow-destructive', 'roll back two'),
    handler: (args: DownArgs) => {
      if (args.steps !== undefined && (!Number.isInteger(args.steps) || args.steps < 1)) {
        throw usageError(`--steps ${args.steps} is not a positive whole number`, 'e.g. --steps 2');
      }
      return withConnection(ctx, args, async (connection, config, settings) => {
        await guardDown(ctx, connection, config, settings, args);
        const { migrator, events } = openMigrator(ctx, connection, config, settings);
        const result = await migrator.down({
          ...(args.to ? { to: args.to } : { steps: args.steps ?? 1 }),
          dryRun: Boolean(args.dryRun), allowDestructive: Boolean(args.allowDestructive), ...askBeforeDestructive(ctx),
        });
        ctx.out.result({ ok: true, ...result, events });
        if (result.dryRun) ctx.out.line(`(dry run: ${result.ids.length} migration(s) would be rolled back; nothing was changed)`);
        else if (result.ids.length === 0) ctx.out.line('✅ Nothing to roll back');
        else ctx.out.line(`✅ Rolled back ${result.ids.length} migration(s)`);
      }, undefined, { readOnly: Boolean(args.dryRun) });
    },
  };
}
