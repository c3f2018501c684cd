import type { Argv } from 'yargs';
import { baselineDatabase } from '@tidemark/migrator';
import { openMigrator, withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';
import { loadConfig } from '../config.js';
import { excludedTables } from '../drift/excluded-models.js';
import { loadGenerator } from '../load-generator.js';
import { describeOperation } from '../output.js';

interface BaselineArgs extends GlobalArgs {
  readonly message: string;
}

/**
 * `baselineCommand` is `migrate:baseline`: start the history of a database that already has the
 * schema. The first migration and `.schema.json` are made from the models (as
 * `migrate:generate` would), the database is checked against them (refused, with the
 * differences, when it does not match), and the migration is recorded as applied there without
 * running. Other databases (a fresh test database) run it with `migrate:up`.
 */
export function baselineCommand(ctx: CommandContext) {
  return {
    command: 'migrate:baseline',
    describe: 'start the history of a database that already has the schema: write the first migration from the models and record it as applied there, without running it',
    builder: (y: Argv<GlobalArgs>) =>
      y.option('message', { alias: 'm', type: 'string', default: 'baseline', describe: "the first migration's message (its file name)" })
        .example('$0 migrate:pull --url "$PROD_URL" && $0 migrate:baseline --url "$PROD_URL" && $0 migrate:check --url "$PROD_URL"', 'adopt an existing production database'),
    handler: async (args: BaselineArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const { planBaseline } = await loadGenerator(config.root);
      const plan = await planBaseline({ cwd: config.root, models: config.models, migrations: config.migrations, message: args.message });
      const excluded = excludedTables(config, plan.expected);
      await withConnection(ctx, args, async (connection) => {
        const { migrator } = openMigrator(ctx, connection, config);
        const result = await baselineDatabase({
          connection, migrator, expected: plan.expected, ids: plan.ids, excluded, write: () => plan.write(), describe: describeOperation,
        });
        ctx.out.result({ ok: true, created: plan.created ?? null, recorded: result.recorded, alreadyRecorded: result.alreadyRecorded });
        if (plan.created) {
          ctx.out.line(`Generated migration: ${plan.created.file}`);
          for (const o of plan.created.operations) ctx.out.line(`  ${describeOperation(o)}`);
        }
        ctx.out.line(`✅ ${connection.target} matches the models${config.exclude.length > 0 ? ` (tables matching ${config.exclude.join(', ')} left out)` : ''}`);
        for (const id of result.recorded) ctx.out.line(`  ✅ Recorded as applied (not run): ${id}`);
        ctx.out.line('Other databases run it with `tidemark migrate:up`; check this one any time with `tidemark migrate:check --url …`.');
      }, config);
    },
  };
}
