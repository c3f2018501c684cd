import { diffSnapshots, serializeSnapshot, TidemarkError, type SchemaSnapshot } from '@tidemark/core';
import { describeOperation } from '../output.js';
import type { ScratchDatabase } from './scratch-database.js';

/** `DatabaseState` is what `migrate:verify` compares: the schema and every table's rows. */
interface DatabaseState {
  readonly schema: SchemaSnapshot;
  readonly rows: Readonly<Record<string, string>>;
}

/** `VerifiedMigration` is one migration that went up, down and up again with the same results. */
export interface VerifiedMigration {
  readonly id: string;
  readonly tables: number;
}

async function stateOf(db: ScratchDatabase): Promise<DatabaseState> {
  const schema = await db.introspect();
  const rows: Record<string, string> = {};
  for (const t of schema.tables) rows[t.name] = JSON.stringify(await db.rows(t.name), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  return { schema, rows };
}

/**
 * `verifyMigrations` runs each pending migration up, down and up again on a scratch database,
 * comparing after each pass the introspected schema and the rows with the state they must
 * restore. The first difference is TM_VERIFY_FAILED naming the migration, the pass and what differs.
 */
export async function verifyMigrations(db: ScratchDatabase, onVerified?: (m: VerifiedMigration) => void): Promise<VerifiedMigration[]> {
  const pending = (await db.migrator.status()).entries.filter((e) => e.state === 'pending').map((e) => e.id);
  const verified: VerifiedMigration[] = [];
  for (const id of pending) {
    const before = await stateOf(db);
    await db.migrateTo(id);
    const after = await stateOf(db);
    await db.rollback(1);
    await compare(id, 'down', before, await stateOf(db), 'its down does not restore the state before its up');
    await db.migrateTo(id);
    await compare(id, 'up again', after, await stateOf(db), 'its up after its down does not give the state of its first up');
    const m = { id, tables: after.schema.tables.length };
    verified.push(m);
    onVerified?.(m);
  }
  return verified;
}

async function compare(id: string, pass: string, expected: DatabaseState, actual: DatabaseState, problem: string): Promise<void> {
  const schemaDiff = await diffSnapshots(expected.schema, actual.schema, { renames: { mode: 'none' } });
  if (schemaDiff.length > 0 || serializeSnapshot(expected.schema) !== serializeSnapshot(actual.schema)) {
    const what = schemaDiff.length > 0 ? schemaDiff.map(describeOperation).join('; ') : 'the schema differs in details the diff does not name';
    throw verifyFailed(id, pass, `${problem}: the schema differs (${what})`, { differences: schemaDiff.map(describeOperation) });
  }
  const tables = Object.keys(expected.rows).filter((t) => expected.rows[t] !== actual.rows[t]);
  if (tables.length > 0) {
    throw verifyFailed(id, pass, `${problem}: the rows of ${tables.join(', ')} differ`, { tables, expected: tables.map((t) => expected.rows[t]), actual: tables.map((t) => actual.rows[t]) });
  }
}

function verifyFailed(id: string, pass: string, message: string, details: Record<string, unknown>): TidemarkError {
  return new TidemarkError('TM_VERIFY_FAILED', {
    message: `${id} (${pass}): ${message}`,
    hint: `make ${id}'s down undo exactly what its up does (look at the differences above), then run tidemark migrate:verify again`,
    details: { migration: id, pass, ...details },
  });
}
