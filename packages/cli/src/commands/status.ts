import type { Argv } from 'yargs';
import { openMigrator, withConnection, type CommandContext } from '../command-context.js';
import { FLEET_OPTIONS, runFleetCommand, type FleetArgs } from '../fleet/fleet-command.js';

/**
 * `statusCommand` is `migrate:status`. It exits 3 when `up` would refuse (a fork, an edited or
 * missing applied migration), 1 when a migration failed, 0 otherwise (pending is normal).
 */
export function statusCommand(ctx: CommandContext, setExit: (code: number) => void) {
  return {
    command: 'migrate:status',
    describe: 'show applied, pending, changed, missing and failed migrations',
    builder: (y: Argv) => y.options(FLEET_OPTIONS)
      .example('$0 migrate:status', 'every migration: applied, pending, changed, missing, failed')
      .example('$0 migrate:status --json', 'the same for a script')
      .example('$0 migrate:status --targets tenants.txt', 'every database of a fleet, one line each'),
    handler: (args: FleetArgs) => args.targets !== undefined ? runFleetCommand(ctx, args, 'status', setExit) :
      withConnection(ctx, args, async (connection, config) => {
        const report = await openMigrator(ctx, connection, config).migrator.status();
        ctx.out.result({ ok: true, target: connection.target, dialect: connection.dialect, ...report });
        ctx.out.status(report, connection.target);
        const has = (s: string) => report.entries.some((e) => e.state === s);
        if (report.fork || has('changed') || has('missing')) setExit(3);
        else if (has('failed') || has('running')) setExit(1);
      }, undefined, { readOnly: true }),
  };
}
