import {
  applyOperation, comparableSnapshot, shortenFor, tablesTouched, TidemarkError,
  type BackendConnection, type HistoryRecord, type Operation, type SchemaSnapshot,
} from '@tidemark/core';
import type { ReplayedMigration } from '../source/replay.js';

/**
 * A migration is unsettled when its last run did not finish: `failed` with steps left applied, or
 * `running` (a run without a transaction that was killed part-way, when seen under the lock).
 * A failed migration that left nothing applied is not unsettled: `up` simply runs it again.
 * docs/failure-recovery.md describes every state and the command that leaves it.
 */
export function isUnsettled(r: HistoryRecord): boolean {
  return r.outcome === 'running' || (r.outcome === 'failed' && (r.stepsApplied ?? 0) > 0);
}

/** `describeStep` is a short text for a step in messages: its kind and table, or the native statement. */
export function describeStep(operation: Operation): string {
  if (operation.kind === 'execute') {
    const text = typeof operation.statement === 'string' ? operation.statement : JSON.stringify(operation.statement);
    return `native statement ${text.length > 120 ? `${text.slice(0, 117)}...` : text}`;
  }
  return `${operation.kind} ${tablesTouched(operation)?.[0] ?? ''}`.trim();
}

/** The schema after the first `k` of a migration's steps. */
export function schemaAfterSteps(replayed: ReplayedMigration, k: number): SchemaSnapshot {
  return replayed.operations.slice(0, k).reduce((state, operation) => applyOperation(state, operation), replayed.before);
}

/** The comparable form of `tables` of `snapshot`, as the backend stores their names. */
function tablesOf(snapshot: SchemaSnapshot, tables: readonly string[], connection: BackendConnection): string {
  // as the backend stores them: MySQL counts characters, so its limit is not a byte count
  const wanted = new Set(tables.map(shortenFor(connection.capabilities)));
  const comparable = comparableSnapshot(snapshot, connection.capabilities);
  return JSON.stringify(comparable.tables.filter((t) => wanted.has(t.name)));
}

/**
 * `decideInterrupted` settles a `running` record found under the lock: the run that wrote it is
 * dead, in step k+1 (k = stepsApplied). A schema step's outcome is read from the live schema:
 * the tables it touches look either as before the step (not done) or as after it (done).
 * An update or a back-fill leaves the schema as it was, and runs again safely (docs/failure-recovery.md).
 * A native statement, an insert, or a schema step caught half-way, cannot be decided: that needs the user's
 * word (`migrate:resolve --steps-applied`), never a guess, so the statement is never run twice.
 */
export async function decideInterrupted(record: HistoryRecord, replayed: ReplayedMigration, connection: BackendConnection): Promise<number> {
  const k = record.stepsApplied ?? 0;
  const operation = replayed.operations[k];
  if (operation === undefined) return replayed.operations.length; // every step ran; only the record was left
  const tables = tablesTouched(operation);
  const total = replayed.operations.length;
  if (tables === undefined) throw interrupted(record.id, k, total, operation, 'its completion cannot be read from the schema');
  // an insert run twice writes its rows twice; an update (constants) and a back-fill (it skips
  // rows that hold their values) may run again: the schema test below lets them
  if (operation.kind === 'insert') throw interrupted(record.id, k, total, operation, 'whether its rows were written cannot be read from the schema');
  const live = tablesOf(await connection.introspect(), tables, connection);
  const after = tablesOf(schemaAfterSteps(replayed, k + 1), tables, connection);
  const before = tablesOf(schemaAfterSteps(replayed, k), tables, connection);
  // a step that changes nothing the catalog shows (before = after) is safe to run again
  if (live === before) return k;
  if (live === after) return k + 1;
  throw interrupted(record.id, k, total, operation, 'the live schema matches neither the state before it nor the state after it');
}

/** `interrupted` is the refusal for a killed run whose step cannot be decided. */
function interrupted(id: string, k: number, total: number, operation: Operation, why: string): TidemarkError {
  // the last step taking effect means the whole migration is applied: that is `--applied`
  const tookEffect = k + 1 === total ? `tidemark migrate:resolve ${id} --applied` : `tidemark migrate:resolve ${id} --steps-applied ${k + 1}`;
  return new TidemarkError('TM_MIGRATION_INTERRUPTED', {
    message: `${id} was interrupted during step ${k + 1} of ${total} (${describeStep(operation)}), ${k} step(s) before it are applied; ${why}`,
    hint: `look at the database: if step ${k + 1} took effect run \`${tookEffect}\`, if it did not run \`tidemark migrate:resolve ${id} --steps-applied ${k}\`; then \`tidemark migrate:up --resume\` finishes it or \`tidemark migrate:down\` undoes it`,
    details: { id, stepsApplied: k, step: k + 1 },
  });
}

/** `unsettledRefused` is `up`'s refusal of a failed migration with steps left applied, naming every way out. */
export function unsettledRefused(record: HistoryRecord): TidemarkError {
  const k = record.stepsApplied ?? 0;
  return new TidemarkError('TM_MIGRATION_FAILED', {
    message: `${record.id} failed at step ${record.failedStep ?? k + 1} and ${k} of its steps stay applied (${record.error ?? 'unknown error'})`,
    hint: `fix the cause, then either \`tidemark migrate:up --resume\` (continues at step ${k + 1}), or \`tidemark migrate:down\` (undoes the ${k} applied step(s)); if you settled it by hand, \`tidemark migrate:resolve ${record.id} --applied\` or \`--rolled-back\``,
    details: { id: record.id, stepsApplied: k, failedStep: record.failedStep },
  });
}
