import { emptySnapshot, type BackendConnection, type Operation } from '@tidemark/core';
import { findDrift, foldSquashed, loadMigration, readMigrationFiles, replayMigrations } from '@tidemark/migrator';
import { ownedTables } from './owned-tables.js';

/** `LiveDrift` is how one live database differs from what its applied migrations say. */
export interface LiveDrift {
  /** How many migrations the database records as applied (a squashed run counts as one). */
  readonly applied: number;
  /** The operations that would turn the expected schema into the live one; empty when they match. */
  readonly drift: readonly Operation[];
}

/**
 * `liveDrift` replays the migrations the database records as applied and compares the schema they
 * produce with the live one (`findDrift`: as the backend can hold it, leaving out the tables the
 * config's `exclude` names): `migrate:check --url`, for one database or each target of a fleet.
 */
export async function liveDrift(connection: BackendConnection, directory: string, excluded: (table: string) => boolean = () => false): Promise<LiveDrift> {
  const files = await readMigrationFiles(directory);
  // a squashed migration counts as applied where every migration it replaces is
  const records = foldSquashed(await connection.history.list(), files).records;
  const applied = new Set(records.filter((r) => r.outcome === 'applied').map((r) => r.id));
  const replayed = await replayMigrations(files.filter((f) => applied.has(f.id)), loadMigration, connection.dialect);
  const expected = replayed.at(-1)?.after ?? emptySnapshot();
  // tables the migrations' native statements own (`owns`) are theirs, as the config's `exclude` are other tools'
  const owned = ownedTables(replayed.map((r) => r.migration));
  const drift = await findDrift(expected, await connection.introspect(), connection.capabilities, (t) => excluded(t) || owned.has(t));
  return { applied: applied.size, drift };
}
