import type { Argv } from 'yargs';
import type { CommandContext, GlobalArgs } from '../command-context.js';
import { loadConfig } from '../config.js';
import { loadGenerator } from '../load-generator.js';
import { describeOperation } from '../output.js';

interface SquashArgs extends GlobalArgs {
  readonly from?: string;
  readonly to: string;
  readonly message?: string;
}

/**
 * `squashCommand` is `migrate:squash [--from ID] --to ID`: replace a run of migrations with one.
 * It touches only files: each database learns of it on its next `migrate:up` (applied all of the
 * run: the squashed one counts as applied; none: it runs; some: refused, with how to catch up).
 */
export function squashCommand(ctx: CommandContext) {
  return {
    command: 'migrate:squash',
    describe: 'replace a run of migrations (--from, default the first, to --to) with one; databases that applied all of them count it as applied',
    builder: (y: Argv<GlobalArgs>) =>
      y.option('from', { type: 'string', describe: 'the oldest migration of the run (default: the first one)' })
        .option('to', { type: 'string', demandOption: true, describe: 'the newest migration of the run' })
        .option('message', { alias: 'm', type: 'string', describe: "the squashed migration's message (its file name; default \"squashed N migrations\")" })
        .example('$0 migrate:squash --to 20250301_120000_add_tags', 'everything up to add_tags becomes one migration'),
    handler: async (args: SquashArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const { squashMigrations } = await loadGenerator(config.root);
      const result = await squashMigrations({
        cwd: config.root, migrations: config.migrations, to: args.to,
        ...(args.from ? { from: args.from } : {}), ...(args.message ? { message: args.message } : {}),
      });
      ctx.out.result({ ok: true, ...result });
      ctx.out.line(`Squashed ${result.replaces.length} migrations into ${result.file}`);
      for (const o of result.operations) ctx.out.line(`  ${describeOperation(o)}`);
      for (const id of result.replaces) ctx.out.line(`  - ${id}`);
      ctx.out.line('A database that applied all of them counts it as applied on its next `tidemark migrate:up`; one that applied none runs it; one that applied only some is refused with how to catch up.');
    },
  };
}
