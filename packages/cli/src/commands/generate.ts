import type { Argv } from 'yargs';
import { isTidemarkError, type Capabilities, type Dialect, type RenamePolicy } from '@tidemark/core';
import type { CommandContext, GlobalArgs } from '../command-context.js';
import { loadConfig } from '../config.js';
import { loadBackend } from '../load-backend.js';
import { loadGenerator } from '../load-generator.js';
import { describeOperation, describeWarning } from '../output.js';
import { parseRenameFlags } from '../rename-flags.js';
import { promptRenames } from '../rename-prompt.js';
import { selectEnvironment } from '../production/select-environment.js';

interface GenerateArgs extends GlobalArgs {
  readonly message?: string;
  readonly empty?: boolean;
  readonly dryRun?: boolean;
  /** yargs gives `[false]` for `--no-rename` on an array option. */
  readonly rename?: readonly (string | boolean)[] | false;
  readonly targetCheck?: boolean;
}

/**
 * The backend the migrations are meant for, when a URL names one (`--url`, DATABASE_URL or the
 * config): its capabilities let `generate` refuse what that backend cannot do. Only the backend
 * package is loaded (it loads no driver until it connects); none is opened.
 */
async function targetOf(url: string | undefined): Promise<{ dialect: Dialect; capabilities: Capabilities } | undefined> {
  if (!url) return undefined;
  try {
    const backend = await loadBackend(url);
    return { dialect: backend.dialect, capabilities: backend.capabilities };
  } catch (err) {
    if (isTidemarkError(err, 'TM_BACKEND_MISSING')) return undefined; // `up` will say so
    throw err;
  }
}

/** `generateCommand` is `migrate:generate`. */
export function generateCommand(ctx: CommandContext) {
  return {
    command: 'migrate:generate',
    describe: 'diff the models against migrations/.schema.json and write one migration',
    builder: (y: Argv<GlobalArgs>) =>
      y
        .option('message', { alias: 'm', type: 'string', describe: 'what the migration does; becomes its file name (default: named after the changes, e.g. add_users_website)' })
        .option('empty', { type: 'boolean', describe: 'write a blank migration for hand-written data changes' })
        .option('dry-run', { type: 'boolean', describe: 'print the migration and write nothing' })
        .option('target-check', {
          type: 'boolean', default: true,
          describe: "refuse steps the target database (--url, DATABASE_URL or the config's url) cannot carry out; --no-target-check writes them anyway, for you to replace by hand",
        })
        .option('rename', {
          type: 'string', array: true,
          describe: 'declare a rename: old=new (table) or table.old=new (column; the table by its new name); repeat it for several. --no-rename drops and adds every removed+added pair no --rename names; the two combine',
        })
        .example('$0 migrate:generate -m "add user website"', 'writes <timestamp>_add_user_website.ts')
        .example('$0 migrate:generate', 'the same, named after the changes')
        .example('$0 migrate:generate --dry-run', 'print the migration, write nothing')
        .example('$0 migrate:generate --rename users.name=full_name', 'a rename (keeps the data)')
        .example('$0 migrate:generate --empty -m "backfill names"', 'a blank migration for a hand-written data change'),
    handler: async (args: GenerateArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const { generate } = await loadGenerator(config.root);
      const noRename = args.rename === false || (Array.isArray(args.rename) && args.rename.includes(false));
      const renames: RenamePolicy = noRename
        ? { mode: 'none' }
        : ctx.interactive && !ctx.out.json ? { mode: 'ask', resolver: promptRenames } : { mode: 'refuse' };
      const target = args.targetCheck === false ? undefined : await targetOf(args.url ?? selectEnvironment(config, args.env, ctx.env)?.url ?? (ctx.env.DATABASE_URL || undefined) ?? config.url);
      const result = await generate({
        cwd: config.root,
        models: config.models,
        migrations: config.migrations,
        ...(args.message !== undefined ? { message: args.message } : {}),
        renames,
        renameHints: parseRenameFlags(Array.isArray(args.rename) ? args.rename.filter((x): x is string => typeof x === 'string') : []),
        ...(args.empty ? { empty: true } : {}),
        ...(args.dryRun ? { dryRun: true } : {}),
        ...(target ? { target } : {}),
      });
      const { out } = ctx;
      out.result({ ok: true, status: result.status, id: result.id, file: result.file, operations: result.operations, warnings: result.warnings, ...(args.dryRun ? { text: result.text } : {}) });
      if (result.status === 'no-changes') {
        out.line('No changes: the models match migrations/.schema.json');
        return;
      }
      if (result.status === 'dry-run') {
        out.line(result.text);
        out.line(`(dry run: ${result.file} and the snapshot were not written)`);
        return;
      }
      out.line(`Generated migration: ${result.file}`);
      for (const o of result.operations) out.line(`  ${describeOperation(o)}`);
      for (const w of result.warnings) out.line(`  ⚠️  ${describeWarning(w)}`);
      if (result.operations.length === 0) out.line('  (blank: write the change in up and down)');
      out.line(result.warnings.length > 0
        ? 'Review it, then apply it with `tidemark migrate:up --allow-destructive` (it loses data; on a terminal, `tidemark migrate:up` shows the rows and asks).'
        : 'Review it, then apply it with `tidemark migrate:up`.');
    },
  };
}
