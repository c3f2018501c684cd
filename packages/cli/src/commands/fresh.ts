import type { Argv } from 'yargs';
import { TidemarkError } from '@tidemark/core';
import { openMigrator, withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';

interface FreshArgs extends GlobalArgs {
  readonly force?: boolean;
}

/** `freshCommand` is `migrate:fresh`: drop everything Tidemark manages and apply every migration. */
export function freshCommand(ctx: CommandContext) {
  return {
    command: 'migrate:fresh',
    describe: 'drop everything Tidemark manages and re-apply all migrations (local databases only without --force)',
    builder: (y: Argv<GlobalArgs>) => y.option('force', { type: 'boolean', describe: 'allow a database that is not on this machine' }),
    handler: (args: FreshArgs) =>
      withConnection(ctx, args, async (connection, config) => {
        if (!connection.isLocal && !args.force) {
          throw new TidemarkError('TM_FRESH_REMOTE', {
            message: `${connection.target} is not a local database; migrate:fresh would drop all its tables`,
            hint: 'run it against a local database, or add --force if you really mean it',
          });
        }
        await connection.dropAll();
        ctx.out.line(`Dropped every table Tidemark manages on ${connection.target}`);
        const { migrator } = openMigrator(ctx, connection, config);
        const result = await migrator.up({ allowDestructive: true });
        ctx.out.result({ ok: true, ...result });
        ctx.out.line(`✅ Applied ${result.ids.length} migration(s)`);
      }),
  };
}
