import type { Argv } from 'yargs';
import { join } from 'node:path';
import { usageError } from '@tidemark/core';
import { createScratchDatabase } from '../api/scratch-database.js';
import { verifyMigrations } from '../api/verify-migrations.js';
import type { CommandContext, GlobalArgs } from '../command-context.js';
import { loadConfig } from '../config.js';
import { schemeOf } from '../load-backend.js';

const SQL_SCHEMES = new Set(['sqlite', 'postgres', 'postgresql', 'mysql', 'mariadb']);

/**
 * `verifyCommand` is `migrate:verify [--url scratch]`: each pending migration up, down, up on a
 * scratch database (SQLite in memory for SQL projects), comparing schema and rows after each
 * pass (api/verify-migrations.ts). `--url` names the scratch database; it is written to, so
 * it is never the configured database unless given explicitly.
 */
export function verifyCommand(ctx: CommandContext) {
  return {
    command: 'migrate:verify',
    describe: 'run each pending migration up, down and up on a scratch database, checking that down restores schema and rows',
    builder: (y: Argv<GlobalArgs>) => y,
    handler: async (args: GlobalArgs) => {
      const config = await loadConfig(ctx.cwd, args.config);
      const configured = ctx.env.DATABASE_URL || config.url;
      if (!args.url && configured && !SQL_SCHEMES.has(schemeOf(configured))) {
        throw usageError(`migrate:verify needs a scratch database for ${schemeOf(configured)}: SQLite in memory only stands in for SQL projects`,
          'pass --url with a throw-away database of the same kind, e.g. --url mongodb://localhost:27017/scratch');
      }
      const db = await createScratchDatabase({ migrations: join(config.root, config.migrations), ...(args.url ? { url: args.url } : {}) });
      try {
        const verified = await verifyMigrations(db, (m) => ctx.out.line(`  ✓ ${m.id}: up, down, up give the same schema and rows`));
        ctx.out.line(`✅ Verified ${verified.length} migration(s) on ${db.connection.target}`);
        ctx.out.result({ ok: true, target: db.connection.target, verified: verified.map((m) => m.id) });
      } finally {
        await db.close();
      }
    },
  };
}
