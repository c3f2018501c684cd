import { TidemarkError, type BackendConnection, type Operation, type SchemaSnapshot } from '@tidemark/core';
import { findDrift } from '../drift/find-drift.js';
import type { Migrator } from '../run/migrator.js';

/** `BaselineInput` is a database that already has a schema, and the migrations that describe it. */
export interface BaselineInput {
  readonly connection: BackendConnection;
  /** A migrator on the same connection and migrations folder: it records the migrations. */
  readonly migrator: Migrator;
  /** The schema the migrations produce (the models', for a first migration). */
  readonly expected: SchemaSnapshot;
  /** The migrations to record as applied, in id order. */
  readonly ids: readonly string[];
  /** Tables other tools own (the config's `exclude`): neither compared nor adopted. */
  readonly excluded: (table: string) => boolean;
  /** Writes the migration files once the database is known to match; nothing is written before. */
  readonly write?: () => Promise<void>;
  /** Describes a difference for the refusal's message. */
  readonly describe: (operation: Operation) => string;
}

/** `BaselineResult` lists the migrations recorded as applied (without running) and those already recorded. */
export interface BaselineResult {
  readonly recorded: readonly string[];
  readonly alreadyRecorded: readonly string[];
}

/**
 * `baselineDatabase` starts Tidemark's history on a database that already has the schema
 * (`migrate:baseline`; Prisma's baselining): it checks that the live schema is exactly
 * `expected` (the comparison `migrate:check --url` makes), refusing with the differences
 * otherwise, then has `write` write the files, lets a backend that keeps its own table
 * descriptions adopt the tables (DynamoDB), and records each migration as applied without
 * running it, on this database only (`resolve --applied`). Other databases run the migrations.
 * A database with history is refused, unless its records are some (not all) of these
 * migrations, all applied: a baseline that stopped part-way is finished (the schema check still
 * decides first).
 */
export async function baselineDatabase(input: BaselineInput): Promise<BaselineResult> {
  const { connection, expected, excluded } = input;
  const records = await connection.history.list();
  const foreign = records.filter((r) => !input.ids.includes(r.id) || r.outcome !== 'applied');
  const complete = records.length > 0 && input.ids.every((id) => records.some((r) => r.id === id));
  if (foreign.length > 0 || complete) {
    throw new TidemarkError('TM_USAGE', {
      message: `${connection.target} already has a Tidemark history (${records.length} record(s), e.g. ${(foreign[0] ?? records[0]!).id}); a baseline starts the history of a database Tidemark never managed`,
      hint: 'see where it stands with `tidemark migrate:status` and apply what is pending with `tidemark migrate:up`; nothing was written',
      details: { records: records.map((r) => r.id) },
    });
  }
  const managed = expected.tables.filter((t) => !excluded(t.name));
  const live = connection.adoption ? await connection.adoption.preview(managed) : await connection.introspect();
  const drift = await findDrift(expected, live, connection.capabilities, excluded);
  if (drift.length > 0) {
    throw new TidemarkError('TM_DRIFT', {
      message: `${connection.target} does not match the models, so it cannot be baselined (what would turn the models into the database: + only in the database, - only in the models, ~ different): ${drift.map(input.describe).join('; ')}`,
      hint: 'make the models describe the database exactly (`tidemark migrate:pull` writes them from it), or put tables other tools own in "exclude" in tidemark.config.json, then run `tidemark migrate:baseline` again; nothing was written',
      details: { drift },
    });
  }
  await input.write?.();
  await connection.adoption?.adopt(managed);
  const already = new Set(records.map((r) => r.id));
  const recorded: string[] = [];
  for (const id of input.ids) {
    if (already.has(id)) continue;
    await input.migrator.resolve(id, { applied: true });
    recorded.push(id);
  }
  return { recorded, alreadyRecorded: [...already] };
}
