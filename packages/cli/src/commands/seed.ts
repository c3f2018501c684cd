import type { Argv } from 'yargs';
import { join, relative } from 'node:path';
import { runSeeds, seedFiles } from '@tidemark/migrator';
import { withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';
import { loadConfig } from '../config.js';

interface SeedArgs extends GlobalArgs {
  readonly env?: string;
}

/**
 * `seedCommand` is `tidemark seed [--env name]`: runs `seeds/*.ts`, then `seeds/<env>/*.ts`, next
 * to the migrations folder's parent (the config's folder). The environment is `--env`, else
 * TIDEMARK_ENV; when the config has `environments`, it must name one of them.
 */
export function seedCommand(ctx: CommandContext) {
  return {
    command: 'seed',
    describe: 'insert the seed rows (seeds/*.ts and seeds/<env>/*.ts); rows already there are left alone',
    builder: (y: Argv<GlobalArgs>) => y.option('env', { type: 'string', describe: 'also run seeds/<env>/*.ts (default: TIDEMARK_ENV)' }),
    handler: async (args: SeedArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const environment = args.env ?? (ctx.env.TIDEMARK_ENV || undefined);
      const files = await seedFiles(join(config.root, 'seeds'), environment);
      if (files.length === 0) {
        ctx.out.line(`No seed files in seeds/${environment ? ` or seeds/${environment}/` : ''}`);
        ctx.out.result({ ok: true, environment: environment ?? null, seeds: [] });
        return;
      }
      // With "environments" in the config the name must be one of them (and brings its URL and
      // rules, README: Environments); without, it only picks the seed folder.
      const plain = config.environments === undefined;
      const { env: _name, ...rest } = args;
      const { TIDEMARK_ENV: _variable, ...otherEnv } = ctx.env;
      await withConnection(plain ? { ...ctx, env: otherEnv } : ctx, plain ? rest : args, async (connection) => {
        const results = await runSeeds(connection, files, (r) => ctx.out.line(`  🌱 ${relative(config.root, r.file)}: ${r.rows} row(s) written`));
        const total = results.reduce((n, r) => n + r.rows, 0);
        ctx.out.line(`✅ Seeded ${connection.target}: ${total} row(s) written by ${results.length} file(s)${environment ? ` (environment ${environment})` : ''}`);
        ctx.out.result({ ok: true, environment: environment ?? null, seeds: results.map((r) => ({ file: relative(config.root, r.file), rows: r.rows })) });
      }, config);
    },
  };
}
