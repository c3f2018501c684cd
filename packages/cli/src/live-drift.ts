import { comparableSnapshot, diffSnapshots, emptySnapshot, type BackendConnection, type Operation } from '@tidemark/core';
import { loadMigration, readMigrationFiles, replayMigrations } from '@tidemark/migrator';

/** `LiveDrift` is how one live database differs from what its applied migrations say. */
export interface LiveDrift {
  /** How many migrations the database records as applied. */
  readonly applied: number;
  /** The operations that would turn the expected schema into the live one; empty when they match. */
  readonly drift: readonly Operation[];
}

/**
 * `liveDrift` replays the migrations the database records as applied and compares the schema they
 * produce with the live one, as the backend can hold it (`comparableSnapshot`): `migrate:check --url`,
 * for one database or each target of a fleet.
 */
export async function liveDrift(connection: BackendConnection, directory: string): Promise<LiveDrift> {
  const records = await connection.history.list();
  const applied = new Set(records.filter((r) => r.outcome === 'applied').map((r) => r.id));
  const files = (await readMigrationFiles(directory)).filter((f) => applied.has(f.id));
  const replayed = await replayMigrations(files, loadMigration, connection.dialect);
  const expected = replayed.at(-1)?.after ?? emptySnapshot();
  const live = await connection.introspect();
  const drift = await diffSnapshots(comparableSnapshot(expected, connection.capabilities), comparableSnapshot(live, connection.capabilities), { renames: { mode: 'none' } });
  return { applied: applied.size, drift };
}
