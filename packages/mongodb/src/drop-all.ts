import type { MongoCommandRunner } from './command-runner.js';
import { readAll } from './cursor.js';
import { HISTORY_COLLECTION, isManagedCollection } from './names.js';
import { runCommand } from './run-command.js';

/**
 * `dropAllMongo` drops every collection Tidemark manages and the history, for `migrate:fresh`.
 * The lock collection stays: another run may hold the lock, and dropping the document would
 * hand it to a third. Views and `system.*` collections are not Tidemark's and stay too.
 */
export async function dropAllMongo(runner: MongoCommandRunner, keep: (table: string) => boolean = () => false): Promise<void> {
  const infos = await readAll(runner, { listCollections: 1, filter: { type: 'collection' }, nameOnly: true, cursor: {} }, 'dropAll');
  const names = infos.map((c) => c.name).filter((n): n is string => typeof n === 'string')
    .filter((n) => (isManagedCollection(n) && !keep(n)) || n === HISTORY_COLLECTION).sort();
  for (const name of names) await runCommand(runner, { drop: name }, { op: 'dropAll' });
}
