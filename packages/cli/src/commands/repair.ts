import type { Argv } from 'yargs';
import { openMigrator, withConnection, type CommandContext, type GlobalArgs } from '../command-context.js';

interface RepairArgs extends GlobalArgs {
  readonly id?: string;
}

/** `repairCommand` is `migrate:repair [id]`. */
export function repairCommand(ctx: CommandContext) {
  return {
    command: 'migrate:repair [id]',
    describe: 'accept the current text of applied migrations edited on purpose (records the new checksum); a failed one is settled with migrate:resolve',
    builder: (y: Argv<GlobalArgs>) => y.positional('id', { type: 'string', describe: 'only this migration' }),
    handler: (args: RepairArgs) =>
      withConnection(ctx, args, async (connection, config) => {
        const repaired = await openMigrator(ctx, connection, config).migrator.repair(args.id);
        ctx.out.result({ ok: true, repaired });
        if (repaired.length === 0) ctx.out.line('Nothing to repair: every applied migration matches its file');
        for (const id of repaired) ctx.out.line(`  ✅ Repaired: ${id} (new checksum recorded)`);
      }),
  };
}
