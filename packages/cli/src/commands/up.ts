import type { Argv } from 'yargs';
import { openMigrator, withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';

interface UpArgs extends GlobalArgs {
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly allowDestructive?: boolean;
}

/** `upCommand` is `migrate:up`. */
export function upCommand(ctx: CommandContext) {
  return {
    command: 'migrate:up',
    describe: 'apply pending migrations in id order',
    builder: (y: Argv<GlobalArgs>) =>
      y
        .option('to', { type: 'string', describe: 'stop after this migration id' })
        .option('dry-run', { type: 'boolean', describe: 'print what would run (SQL for SQL backends) and apply nothing' })
        .option('allow-destructive', { type: 'boolean', describe: 'allow steps that drop tables or columns or narrow types' }),
    handler: (args: UpArgs) =>
      withConnection(ctx, args, async (connection, config) => {
        const { migrator, events } = openMigrator(ctx, connection, config);
        const result = await migrator.up({
          ...(args.to ? { to: args.to } : {}), dryRun: Boolean(args.dryRun), allowDestructive: Boolean(args.allowDestructive),
        });
        ctx.out.result({ ok: true, ...result, events });
        if (result.dryRun) ctx.out.line(`(dry run: ${result.ids.length} migration(s) would be applied; nothing was changed)`);
        else if (result.ids.length === 0) ctx.out.line('✅ Nothing to apply: the database is up to date');
        else ctx.out.line(`✅ Applied ${result.ids.length} migration(s)`);
      }, undefined, { readOnly: Boolean(args.dryRun) }),
  };
}
