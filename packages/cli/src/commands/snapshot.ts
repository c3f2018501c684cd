import type { Argv } from 'yargs';
import { join } from 'node:path';
import type { CommandContext, GlobalArgs } from '../command-context.js';
import { loadConfig } from '../config.js';
import { loadGenerator } from '../load-generator.js';

interface SnapshotArgs extends GlobalArgs {
  readonly rebuild?: boolean;
}

/**
 * `snapshotCommand` is `migrate:snapshot [--rebuild]`: without `--rebuild` it checks that
 * `.schema.json` is what the migration files produce; with it, it writes `.schema.json` from the
 * files (a deleted, damaged or wrongly merged snapshot). Tidemark never rebuilds it on its own.
 */
export function snapshotCommand(ctx: CommandContext) {
  return {
    command: 'migrate:snapshot',
    describe: 'check that migrations/.schema.json is what the migration files produce; --rebuild writes it from them',
    builder: (y: Argv<GlobalArgs>) =>
      y.option('rebuild', { type: 'boolean', describe: 'write .schema.json from the migration files (replayed in id order; model names and column order from the models)' }),
    handler: async (args: SnapshotArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const { rebuildSnapshot, verifiedSchema } = await loadGenerator(config.root);
      if (!args.rebuild) {
        const { ids } = await verifiedSchema(join(config.root, config.migrations));
        ctx.out.result({ ok: true, status: 'match', migrations: ids.length });
        ctx.out.line(`✅ ${join(config.migrations, '.schema.json')} is what the ${ids.length} migration(s) produce`);
        return;
      }
      const result = await rebuildSnapshot({ cwd: config.root, models: config.models, migrations: config.migrations });
      ctx.out.result({ ok: true, ...result });
      ctx.out.line(result.status === 'unchanged'
        ? `✅ ${result.file} already is what the ${result.migrations} migration(s) produce; nothing was written`
        : `✅ Rebuilt ${result.file} from ${result.migrations} migration(s)${result.dressedFromModels ? '' : ' (the models did not read: model names are left empty until the next generate)'}`);
      if (result.status === 'written') ctx.out.line('Run `tidemark migrate:generate` next: it writes what the models have that the migrations do not.');
    },
  };
}
