import type { Argv } from 'yargs';
import { join } from 'node:path';
import { TidemarkError } from '@tidemark/core';
import { withConnection, type CommandContext } from '../command-context.js';
import { FLEET_OPTIONS, runFleetCommand, type FleetArgs } from '../fleet/fleet-command.js';
import { loadConfig } from '../config.js';
import { excludedTables } from '../drift/excluded-models.js';
import { liveDrift } from '../live-drift.js';
import { loadGenerator } from '../load-generator.js';
import { driftHint } from '../owned-tables.js';
import { describeOperation } from '../output.js';
import { selectsEnvironment } from '../production/select-environment.js';

/**
 * `checkCommand` is `migrate:check`: exit 3 when the models differ from `.schema.json` (a
 * migration was not generated), or, given `--url` or DATABASE_URL, when the live database
 * differs from what its applied migrations say (drift). Tables the config's `exclude` names
 * (other tools' tables on a shared database) are not compared.
 */
export function checkCommand(ctx: CommandContext, setExit: (code: number) => void) {
  return {
    command: 'migrate:check',
    describe: 'fail if the models differ from .schema.json, or (with --url) if the database drifted',
    builder: (y: Argv) => y.options(FLEET_OPTIONS)
      .example('$0 migrate:check', 'on a pull request: exit 3 if a model change has no migration')
      .example('$0 migrate:check --url "$DATABASE_URL"', 'also exit 3 if the database drifted from its migrations')
      .example('$0 migrate:check --targets tenants.txt', 'every database of a fleet'),
    handler: async (args: FleetArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const { verifiedSchema, readModels, diffSnapshots } = await loadGenerator(config.root);
      const dir = join(config.root, config.migrations);
      const { snapshot } = await verifiedSchema(dir);
      const models = await readModels(config.root, config.models);
      const excluded = excludedTables(config, models.snapshot);
      const pending = await diffSnapshots(snapshot, models.snapshot, { hints: models.hints, renames: { mode: 'none' } });
      if (pending.length > 0) {
        throw new TidemarkError('TM_NOT_GENERATED', {
          message: `the models differ from ${join(config.migrations, '.schema.json')}: ${pending.map(describeOperation).join('; ')}`,
          hint: 'run `tidemark migrate:generate --message "..."` and commit the migration',
          details: { operations: pending },
        });
      }
      ctx.out.line('✅ Models match migrations/.schema.json');
      if (args.targets !== undefined) return runFleetCommand(ctx, args, 'check', setExit, undefined, excluded);
      if (!args.url && !ctx.env.DATABASE_URL && !selectsEnvironment(args.env, ctx.env)) {
        ctx.out.result({ ok: true, models: 'match' });
        return;
      }
      await withConnection(ctx, args, async (connection) => {
        const { applied, drift } = await liveDrift(connection, dir, excluded);
        if (drift.length > 0) {
          throw new TidemarkError('TM_DRIFT', {
            message: `${connection.target} drifted from its applied migrations: ${drift.map(describeOperation).join('; ')}`,
            hint: driftHint(drift),
            details: { drift },
          });
        }
        ctx.out.result({ ok: true, models: 'match', database: 'match' });
        ctx.out.line(`✅ ${connection.target} matches its ${applied} applied migration(s)${config.exclude.length > 0 ? ` (tables matching ${config.exclude.join(', ')} left out)` : ''}`);
      }, config, { readOnly: true });
    },
  };
}
