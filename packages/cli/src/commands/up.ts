import type { Argv } from 'yargs';
import { usageError } from '@tidemark/core';
import { openMigrator, withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';
import { FLEET_OPTIONS, runFleetCommand, type FleetArgs } from '../fleet/fleet-command.js';
import { confirmUp } from '../production/confirm-environment.js';
import { withRunOptions } from '../production/production-options.js';
import { askBeforeDestructive } from '../destructive-prompt.js';

interface UpArgs extends FleetArgs {
  readonly to?: string;
  readonly dryRun?: boolean;
  readonly allowDestructive?: boolean;
  readonly resume?: boolean;
  readonly prechecks?: boolean;
}

/** `upCommand` is `migrate:up`. */
export function upCommand(ctx: CommandContext, setExit: (code: number) => void) {
  return {
    command: 'migrate:up',
    describe: 'apply pending migrations in id order',
    builder: (y: Argv<GlobalArgs>) =>
      withRunOptions(y)
        .option('to', { type: 'string', describe: 'stop after this migration id' })
        .option('dry-run', { type: 'boolean', describe: 'print what would run (SQL for SQL backends) and apply nothing' })
        .option('allow-destructive', { type: 'boolean', describe: 'allow steps that drop tables or columns or narrow types' })
        .option('prechecks', { type: 'boolean', describe: 'with --dry-run: also run the data checks (NULLs, duplicates, values that do not fit) against the data now, read-only' })
        .option('resume', { type: 'boolean', describe: 'continue a migration that failed part-way from the step that failed (fix its cause first)' })
        .example('$0 migrate:up', 'apply every pending migration').example('$0 migrate:up --dry-run', 'print the SQL, apply nothing')
        .example('$0 migrate:up --allow-destructive', 'in CI or a deploy: steps that drop data run without a question')
        .example('$0 migrate:up --targets tenants.txt --concurrency 8', 'every database of a fleet')
        .options(FLEET_OPTIONS),
    handler: (args: UpArgs) => {
      if (args.prechecks && !args.dryRun) throw usageError('--prechecks goes with --dry-run (a real run always prechecks)', 'tidemark migrate:up --dry-run --prechecks');
      if (args.targets !== undefined) {
        if (args.prechecks) throw usageError('--prechecks runs on one database; leave it out with --targets', 'tidemark migrate:up --dry-run --prechecks --url <one target>');
        return runFleetCommand(ctx, args, args.dryRun ? 'dry-run' : 'up', setExit, {
          ...(args.to ? { to: args.to } : {}), allowDestructive: Boolean(args.allowDestructive), resume: Boolean(args.resume),
        });
      }
      return withConnection(ctx, args, async (connection, config, settings) => {
        const to = await confirmUp(ctx, connection, config, settings, args) ?? args.to;
        const { migrator, events } = openMigrator(ctx, connection, config, settings);
        const result = await migrator.up({
          ...(to ? { to } : {}), dryRun: Boolean(args.dryRun), allowDestructive: Boolean(args.allowDestructive), ...askBeforeDestructive(ctx),
          resume: Boolean(args.resume), prechecks: Boolean(args.prechecks),
        });
        ctx.out.result({ ok: true, ...result, events });
        if (result.prechecked) {
          ctx.out.line(`✅ Data prechecks pass for ${result.prechecked.checked} step(s) whose data exists now${result.prechecked.atApply > 0 ? `; ${result.prechecked.atApply} step(s) read data earlier steps change and are checked when they run` : ''}`);
        }
        if (result.dryRun) ctx.out.line(`(dry run: ${result.ids.length} migration(s) would be applied; nothing was changed)`);
        else if (result.ids.length === 0) ctx.out.line('✅ Nothing to apply: the database is up to date');
        else ctx.out.line(`✅ Applied ${result.ids.length} migration(s)`);
      }, undefined, { readOnly: Boolean(args.dryRun) });
    },
  };
}
