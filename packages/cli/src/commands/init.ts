import type { Argv } from 'yargs';
import { redactUrl } from '@tidemark/core';
import { isAbsolute, join, relative } from 'node:path';
import type { CommandContext, GlobalArgs } from '../command-context.js';
import { CONFIG_FILE } from '../config.js';
import { initProject, type InitResult } from '../init/init-project.js';

interface InitArgs extends GlobalArgs {
  readonly models: string;
}

const DEFAULT_URL = 'sqlite:dev.db';

/**
 * `initCommand` is `tidemark init` (README: "In your app", first screen): a config, a models folder with an
 * example model and a migrations folder, plus what to install and what the tsconfig needs.
 * It reads no database and loads no backend.
 */
export function initCommand(ctx: CommandContext) {
  return {
    command: 'init',
    describe: 'start a project here: tidemark.config.json, a models folder with an example model, a migrations folder',
    builder: (y: Argv<GlobalArgs>) => y
      .option('models', { type: 'string', default: 'src/models', describe: 'the models folder, relative to the project folder' })
      .example('$0 init', `SQLite in ./dev.db (the config's url is ${DEFAULT_URL})`)
      .example('$0 init --url postgres://localhost:5432/app', 'the database the commands use when neither --url nor DATABASE_URL is given')
      .example('$0 init --models app/entities --json', 'another models folder; the result as JSON')
      .epilog('Writes nothing over an existing config (exit 2). Never edits tsconfig.json: it prints which options the models need.'),
    handler: async (args: InitArgs) => {
      const configFile = args.config ? (isAbsolute(args.config) ? args.config : join(ctx.cwd, args.config)) : join(ctx.cwd, CONFIG_FILE);
      const result = await initProject({ configFile, url: args.url ?? DEFAULT_URL, models: args.models });
      // README: a password in a URL is never printed, also not the one just written to the config.
      ctx.out.result({ ok: true, ...result, url: redactUrl(result.url) });
      print(ctx, result);
    },
  };
}

function print(ctx: CommandContext, r: InitResult): void {
  const at = (path: string) => relative(ctx.cwd, path) || '.';
  ctx.out.line(`Created ${at(r.config)}: models ${r.models}, migrations ${r.migrations}/, url ${redactUrl(r.url)}`);
  for (const path of r.created.slice(1)) ctx.out.line(`Created ${path}${path === r.example ? ' (an example model)' : ''}`);
  if (!r.example) ctx.out.line(`Kept the models already in ${r.models.replace('/**/*.ts', '/')} (no example written)`);
  ctx.out.line();
  ctx.out.line(r.tsconfig.file ? `${r.tsconfig.file}, left unchanged:` : 'TypeScript options:');
  for (const note of r.tsconfig.notes) ctx.out.line(`  - ${note}`);
  ctx.out.line();
  ctx.out.line('Next:');
  if (r.missing.dependencies.length > 0) ctx.out.line(`  npm install ${r.missing.dependencies.join(' ')}`);
  if (r.missing.devDependencies.length > 0) ctx.out.line(`  npm install -D ${r.missing.devDependencies.join(' ')}`);
  ctx.out.line(`  npx tidemark migrate:generate -m "${r.example ? 'create users' : 'init'}"`);
  ctx.out.line('  npx tidemark migrate:up');
}
