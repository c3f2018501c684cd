import type { Argv } from 'yargs';
import { join } from 'node:path';
import { TidemarkError } from '@tidemark/core';
import { excludeMatcher, readMigrationFiles, requireMigrationsFolder } from '@tidemark/migrator';
import { openMigrator, withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';
import { guardFresh } from '../production/confirm-environment.js';
import { withRunOptions } from '../production/production-options.js';

interface FreshArgs extends GlobalArgs {
  readonly force?: boolean;
}

/** `freshCommand` is `migrate:fresh`: drop everything Tidemark manages (not the tables `exclude` names) and apply every migration. */
export function freshCommand(ctx: CommandContext) {
  return {
    command: 'migrate:fresh',
    describe: 'drop everything Tidemark manages and re-apply all migrations (local databases only without --force)',
    builder: (y: Argv<GlobalArgs>) => withRunOptions(y).option('force', { type: 'boolean', describe: 'allow a database that is not on this machine' }),
    handler: (args: FreshArgs) =>
      withConnection(ctx, args, async (connection, config, settings) => {
        if (!connection.isLocal && !args.force) {
          throw new TidemarkError('TM_FRESH_REMOTE', {
            message: `${connection.target} is not a local database; migrate:fresh would drop all its tables`,
            hint: 'run it against a local database, or add --force if you really mean it',
          });
        }
        // checked before anything is dropped: run from the wrong folder, fresh would empty the database
        const dir = join(config.root, config.migrations);
        await requireMigrationsFolder(dir);
        if ((await readMigrationFiles(dir)).length === 0) {
          throw new TidemarkError('TM_USAGE', {
            message: `${dir} holds no migrations: migrate:fresh would drop every table and apply nothing`,
            hint: 'run it inside the project whose migrations you mean, or generate the first migration with `tidemark migrate:generate`',
            details: { file: dir },
          });
        }
        await guardFresh(ctx, connection, settings, args);
        // tables other tools own (the config's `exclude`) are never dropped
        await connection.dropAll({ keep: excludeMatcher(config.exclude) });
        ctx.out.line(`Dropped every table Tidemark manages on ${connection.target}${config.exclude.length > 0 ? ` (kept the tables matching ${config.exclude.join(', ')})` : ''}`);
        const { migrator } = openMigrator(ctx, connection, config, settings);
        const result = await migrator.up({ allowDestructive: true });
        ctx.out.result({ ok: true, ...result });
        ctx.out.line(`✅ Applied ${result.ids.length} migration(s)`);
      }),
  };
}
