import type { Argv } from 'yargs';
import { join } from 'node:path';
import { comparableSnapshot, diffSnapshots, emptySnapshot, TidemarkError } from '@tidemark/core';
import { loadMigration, readMigrationFiles, replayMigrations } from '@tidemark/migrator';
import { withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';
import { loadConfig } from '../config.js';
import { loadGenerator } from '../load-generator.js';
import { driftHint, ownedTables, withoutTables } from '../owned-tables.js';
import { describeOperation } from '../output.js';

/**
 * `checkCommand` is `migrate:check`: exit 3 when the models differ from `.schema.json` (a
 * migration was not generated), or, given `--url` or DATABASE_URL, when the live database
 * differs from what its applied migrations say (drift).
 */
export function checkCommand(ctx: CommandContext) {
  return {
    command: 'migrate:check',
    describe: 'fail if the models differ from .schema.json, or (with --url) if the database drifted',
    builder: (y: Argv<GlobalArgs>) => y
      .example('$0 migrate:check', 'on a pull request: exit 3 if a model change has no migration')
      .example('$0 migrate:check --url "$DATABASE_URL"', 'also exit 3 if the database drifted from its migrations'),
    handler: async (args: GlobalArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const { verifiedSchema, readModels } = await loadGenerator(config.root);
      const dir = join(config.root, config.migrations);
      const { snapshot } = await verifiedSchema(dir);
      const models = await readModels(config.root, config.models);
      const pending = await diffSnapshots(snapshot, models.snapshot, { hints: models.hints, renames: { mode: 'none' } });
      if (pending.length > 0) {
        throw new TidemarkError('TM_NOT_GENERATED', {
          message: `the models differ from ${join(config.migrations, '.schema.json')}: ${pending.map(describeOperation).join('; ')}`,
          hint: 'run `tidemark migrate:generate --message "..."` and commit the migration',
          details: { operations: pending },
        });
      }
      ctx.out.line('✅ Models match migrations/.schema.json');
      if (!args.url && !ctx.env.DATABASE_URL) {
        ctx.out.result({ ok: true, models: 'match' });
        return;
      }
      await withConnection(ctx, args, async (connection) => {
        const records = await connection.history.list();
        const applied = new Set(records.filter((r) => r.outcome === 'applied').map((r) => r.id));
        const files = (await readMigrationFiles(dir)).filter((f) => applied.has(f.id));
        const replayed = await replayMigrations(files, loadMigration, connection.dialect);
        const expected = replayed.at(-1)?.after ?? emptySnapshot();
        const owned = ownedTables(replayed.map((r) => r.migration));
        const live = withoutTables(await connection.introspect(), owned);
        const drift = await diffSnapshots(comparableSnapshot(withoutTables(expected, owned), connection.capabilities), comparableSnapshot(live, connection.capabilities), { renames: { mode: 'none' } });
        if (drift.length > 0) {
          throw new TidemarkError('TM_DRIFT', {
            message: `${connection.target} drifted from its applied migrations: ${drift.map(describeOperation).join('; ')}`,
            hint: driftHint(drift),
            details: { drift },
          });
        }
        ctx.out.result({ ok: true, models: 'match', database: 'match' });
        ctx.out.line(`✅ ${connection.target} matches its ${applied.size} applied migration(s)`);
      }, config, { readOnly: true });
    },
  };
}
