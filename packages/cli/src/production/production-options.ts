import type { Argv } from 'yargs';

/**
 * `withRunOptions` adds the flags of a command that changes the database (README: Environments,
 * Timeouts): --yes and the timeouts. The global --env and --verbose are in main.ts.
 */
export function withRunOptions<T>(y: Argv<T>) {
  return y
    .option('yes', { type: 'boolean', describe: 'confirm in advance a run on an environment that asks for confirmation (CI)' })
    .option('lock-timeout', { type: 'string', describe: 'longest wait for a table lock per statement, e.g. 5s (default 5s; 0 = no limit)' })
    .option('statement-timeout', { type: 'string', describe: 'longest run of one statement, e.g. 10m (default none)' })
    .option('lock-retries', { type: 'number', describe: 'how often a lock timeout is retried after a pause (default 2)' });
}
