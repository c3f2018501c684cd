import type { Argv } from 'yargs';
import { usageError } from '@tidemark/core';
import type { Resolution } from '@tidemark/migrator';
import { openMigrator, withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';

interface ResolveArgs extends GlobalArgs {
  readonly id: string;
  readonly applied?: boolean;
  readonly rolledBack?: boolean;
  readonly stepsApplied?: number;
}

function resolution(args: ResolveArgs): Resolution {
  const given = [args.applied, args.rolledBack, args.stepsApplied !== undefined].filter(Boolean).length;
  if (given !== 1) throw usageError('say how the migration was settled: one of --applied, --rolled-back or --steps-applied <n>', `e.g. tidemark migrate:resolve ${args.id} --rolled-back`);
  if (args.applied) return { applied: true };
  if (args.rolledBack) return { rolledBack: true };
  const n = args.stepsApplied!;
  if (!Number.isInteger(n) || n < 0) throw usageError(`--steps-applied ${n} is not a whole number of steps`, 'count the steps of the migration that are in the database, e.g. --steps-applied 2');
  return { stepsApplied: n };
}

/**
 * `resolveCommand` is `migrate:resolve <id>`: the user's word on a migration that failed or was
 * interrupted part-way and was then settled by hand (Prisma's `migrate resolve`). It changes
 * only the record, never the schema.
 */
export function resolveCommand(ctx: CommandContext) {
  return {
    command: 'migrate:resolve <id>',
    describe: 'record how a failed or interrupted migration was settled by hand (--applied, --rolled-back, --steps-applied <n>), or that a pending one is already in this database (--applied)',
    builder: (y: Argv<GlobalArgs>) =>
      y
        .positional('id', { type: 'string', demandOption: true, describe: 'the failed or interrupted migration (or, with --applied, a pending one already in this database)' })
        .option('applied', { type: 'boolean', describe: 'every step of it is in the database now (finished by hand, or the change was made before the migration existed)' })
        .option('rolled-back', { type: 'boolean', describe: 'none of it is in the database now (undone by hand); it is pending again' })
        .option('steps-applied', { type: 'number', describe: 'exactly this many of its steps are in the database; then `migrate:up --resume` or `migrate:down`' })
        .example('$0 migrate:resolve 20250117_130000_narrow --rolled-back', 'the applied steps were undone by hand')
        .example('$0 migrate:resolve 20250117_130000_narrow --steps-applied 3', 'after a crash in a native statement: you checked, it ran'),
    handler: (args: ResolveArgs) => {
      const how = resolution(args);
      return withConnection(ctx, args, async (connection, config) => {
        const record = await openMigrator(ctx, connection, config).migrator.resolve(args.id, how);
        ctx.out.result({ ok: true, id: args.id, record: record ?? null });
        if ('applied' in how) ctx.out.line(`  ✅ Resolved: ${args.id} recorded as applied`);
        else if ('rolledBack' in how) ctx.out.line(`  ✅ Resolved: ${args.id} recorded as rolled back (pending again)`);
        else ctx.out.line(`  ✅ Resolved: ${args.id} has ${how.stepsApplied} step(s) applied; \`tidemark migrate:up --resume\` finishes it, \`tidemark migrate:down\` undoes them`);
      });
    },
  };
}
