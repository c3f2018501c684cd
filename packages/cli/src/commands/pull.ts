import type { Argv } from 'yargs';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { TidemarkError, usageError, type PullInventory } from '@tidemark/core';
import { withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';
import { loadConfig, type TidemarkConfig } from '../config.js';
import { loadGenerator } from '../load-generator.js';

interface PullArgs extends GlobalArgs {
  readonly out?: string;
  readonly force?: boolean;
  readonly dryRun?: boolean;
}

/** The folder a models glob starts from: `src/models/**\/*.ts` → `src/models`. */
function globFolder(config: TidemarkConfig, glob: string): string {
  const fixed = glob.split('/').filter((part, i, all) => i < all.length - 1 || !/\.[cm]?tsx?$/.test(part));
  const firstGlob = fixed.findIndex((part) => /[*?[{]/.test(part));
  return join(config.root, ...(firstGlob === -1 ? fixed : fixed.slice(0, firstGlob)));
}

/** The folder of the config's first models glob, where pulled models go by default. */
function modelsFolder(config: TidemarkConfig): string {
  return globFolder(config, config.models[0] ?? 'src/models/**/*.ts');
}

/** Whether a folder is inside one the models globs start from (else `migrate:generate` would not read the pulled files). */
function readByGenerate(config: TidemarkConfig, folder: string): boolean {
  return config.models.some((glob) => {
    const rel = relative(globFolder(config, glob), folder);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

/**
 * `pullCommand` is `migrate:pull`: it reads the database's schema (the backend's `introspect`,
 * the catalog reading `migrate:check` trusts) and writes one model class per table, then lists
 * what the models could not say exactly (views, triggers, native types, names the rules do not
 * give). It refuses to replace existing files without `--force`; `--dry-run` prints them.
 */
export function pullCommand(ctx: CommandContext) {
  return {
    command: 'migrate:pull',
    describe: 'write model files from an existing database (one class per table), listing what they cannot express',
    builder: (y: Argv<GlobalArgs>) =>
      y
        .option('out', { type: 'string', describe: 'folder for the model files (default: the folder of the config\'s first models glob)' })
        .option('force', { type: 'boolean', describe: 'replace model files that already exist' })
        .option('dry-run', { type: 'boolean', describe: 'print the files; write nothing' })
        .example('$0 migrate:pull --url postgres://app@db/app --out src/models', 'adopt an existing database'),
    handler: async (args: PullArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const out = args.out === undefined ? modelsFolder(config) : isAbsolute(args.out) ? args.out : join(ctx.cwd, args.out);
      const shown = (path: string): string => relative(ctx.cwd, path) || '.';
      const { pullModels, writeFilesAtomic } = await loadGenerator(config.root);
      const { result, target } = await withConnection(ctx, args, async (connection) => {
        const live = await connection.introspect();
        const inventory: PullInventory = (await connection.pullInventory?.(live)) ?? { tables: [], notes: [] };
        const schema = { ...live, tables: [...live.tables, ...inventory.tables].sort((a, b) => (a.name < b.name ? -1 : 1)) };
        return { result: await pullModels(schema, { names: connection.capabilities, notes: inventory.notes }), target: connection.target };
      }, config, { readOnly: true });
      if (result.files.length === 0 && result.notes.length === 0) {
        // a mistyped SQLite path opens as an empty database: pulling nothing is never what was meant
        throw usageError(`${target} has no tables to pull; nothing was written`, 'check the URL (a sqlite: path that does not exist reads as an empty database)');
      }
      const files = result.files.map((f) => ({ ...f, path: join(out, f.fileName) }));
      const existing = files.filter((f) => existsSync(f.path));
      if (!args.dryRun && !args.force && existing.length > 0) {
        throw new TidemarkError('TM_FILE_EXISTS', {
          message: `${existing.length} model file(s) already exist: ${existing.map((f) => shown(f.path)).join(', ')}; nothing was written`,
          hint: 'pull into another folder with --out, or replace them with --force (commit your models first)',
          details: { files: existing.map((f) => shown(f.path)) },
        });
      }
      if (!args.dryRun) await writeFilesAtomic(ctx.cwd, files.map((f) => ({ path: f.path, text: f.text })));
      const read = readByGenerate(config, out);
      ctx.out.result({
        ok: true, dryRun: !!args.dryRun, out: shown(out), readByGenerate: read,
        files: files.map((f) => ({ path: shown(f.path), table: f.table, className: f.className, ...(args.dryRun ? { text: f.text } : {}) })),
        notes: result.notes,
      });
      if (args.dryRun) for (const f of files) ctx.out.line(`// ${shown(f.path)}\n${f.text}`);
      ctx.out.line(`${args.dryRun ? 'Would pull' : '✅ Pulled'} ${files.length} model(s) from ${target} into ${shown(out)}`);
      if (!args.dryRun) for (const f of files) ctx.out.line(`  ${shown(f.path)}  (${f.table})`);
      if (!read) ctx.out.line(`Note: ${shown(out)} is outside the config's models (${config.models.join(', ')}); add it there so migrate:generate reads these files`);
      if (result.notes.length > 0) {
        ctx.out.line(`Not expressible in the models exactly (${result.notes.length}):`);
        for (const n of result.notes) ctx.out.line(`  ${n.kind === 'skipped' ? 'skipped' : 'approximated'}: ${n.object}: ${n.problem}`);
      }
    },
  };
}
