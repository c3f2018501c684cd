import type { Argv } from 'yargs';
import { join } from 'node:path';
import { TidemarkError } from '@tidemark/core';
import { foldSquashed, readMigrationFiles } from '@tidemark/migrator';
import { withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';
import { loadConfig } from '../config.js';
import { loadGenerator } from '../load-generator.js';

/**
 * `discardCommand` is `migrate:discard`: take back the newest migration, file and `.schema.json`
 * together, so the models can be edited and generated again. It refuses when the database
 * (`--url`, DATABASE_URL or the config's) has a record of it: there, roll it back first.
 */
export function discardCommand(ctx: CommandContext) {
  return {
    command: 'migrate:discard',
    describe: 'take back the newest migration (its file, and .schema.json as it was before it) when the database has not applied it',
    builder: (y: Argv<GlobalArgs>) => y,
    handler: async (args: GlobalArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const { planDiscard } = await loadGenerator(config.root);
      const plan = await planDiscard({ cwd: config.root, migrations: config.migrations });
      const url = args.url ?? (ctx.env.DATABASE_URL || undefined) ?? config.url;
      let checked: string | undefined;
      if (url) {
        checked = await withConnection(ctx, args, async (connection) => {
          const files = await readMigrationFiles(join(config.root, config.migrations));
          const record = foldSquashed(await connection.history.list(), files).records.find((r) => r.id === plan.id);
          if (record) {
            throw new TidemarkError('TM_ALREADY_APPLIED', {
              message: `${plan.id} is ${record.outcome === 'applied' ? 'applied' : `recorded as ${record.outcome}`} on ${connection.target}; discarding its file would leave that database with a change no migration describes`,
              hint: 'roll it back there first (`tidemark migrate:down`), then discard it; once it is shared (committed, applied elsewhere), change it with a new migration instead; nothing was changed',
              details: { id: plan.id, outcome: record.outcome },
            });
          }
          return connection.target;
        }, config, { readOnly: true });
      }
      await plan.apply();
      ctx.out.result({ ok: true, id: plan.id, file: plan.file, checked: checked ?? null });
      ctx.out.line(`✅ Discarded ${plan.file}; ${join(config.migrations, '.schema.json')} is back to the schema before it`);
      ctx.out.line(checked ? `  (${checked} has not applied it)` : '  (no database URL given or configured: no database was asked whether it applied it)');
      ctx.out.line('Edit the models and run `tidemark migrate:generate` again.');
    },
  };
}
