import { isTidemarkError, type HistoryRecord, type MigrationHistory, type MigrationOutcome } from '@tidemark/core';
import type { MongoCommandRunner } from './command-runner.js';
import { readAll } from './cursor.js';
import type { Document } from './document.js';
import { HISTORY_COLLECTION } from './names.js';
import { runCommand } from './run-command.js';

/** MongoDB's NamespaceExists: `create` of a collection that is already there. */
const NAMESPACE_EXISTS = 48;

function toRecord(d: Document): HistoryRecord {
  return {
    id: String(d._id),
    checksum: String(d.checksum),
    appliedAt: String(d.appliedAt),
    executionMs: Number(d.executionMs),
    appliedBy: String(d.appliedBy),
    outcome: d.outcome as MigrationOutcome,
    ...(typeof d.stepsApplied === 'number' ? { stepsApplied: d.stepsApplied } : {}),
    ...(typeof d.failedStep === 'number' ? { failedStep: d.failedStep } : {}),
    ...(typeof d.error === 'string' ? { error: d.error } : {}),
  };
}

/**
 * `MongoHistory` keeps `_tidemark_migrations` in the database it tracks: one document per
 * migration, the id as `_id` (unique by construction) and the other fields of the SQL history
 * table in camelCase: checksum, appliedAt (ISO-8601 text), executionMs, appliedBy, outcome,
 * stepsApplied, failedStep and error when the migration failed or is running.
 */
export class MongoHistory implements MigrationHistory {
  readonly #runner: MongoCommandRunner;

  constructor(runner: MongoCommandRunner) {
    this.#runner = runner;
  }

  /** `ensure` creates the collection if it is missing; it is idempotent. */
  async ensure(): Promise<void> {
    try {
      await runCommand(this.#runner, { create: HISTORY_COLLECTION }, { op: 'history' });
    } catch (err) {
      if (!isTidemarkError(err) || err.details.code !== NAMESPACE_EXISTS) throw err;
    }
  }

  /** `list` returns every record in id order (none before the collection exists). */
  async list(): Promise<HistoryRecord[]> {
    const docs = await readAll(this.#runner, { find: HISTORY_COLLECTION, filter: {}, sort: { _id: 1 } }, 'history');
    return docs.map(toRecord);
  }

  /** `save` inserts or replaces the record with the same id. */
  async save(record: HistoryRecord): Promise<void> {
    const doc: Document = {
      _id: record.id,
      checksum: record.checksum,
      appliedAt: record.appliedAt,
      executionMs: Math.round(record.executionMs),
      appliedBy: record.appliedBy,
      outcome: record.outcome,
      ...(record.stepsApplied !== undefined ? { stepsApplied: record.stepsApplied } : {}),
      ...(record.failedStep !== undefined ? { failedStep: record.failedStep } : {}),
      ...(record.error !== undefined ? { error: record.error } : {}),
    };
    await runCommand(this.#runner, { update: HISTORY_COLLECTION, updates: [{ q: { _id: record.id }, u: doc, upsert: true }] }, { op: 'history' });
  }

  /** `remove` deletes the record of `id` (after a rollback); a missing one is not an error. */
  async remove(id: string): Promise<void> {
    await runCommand(this.#runner, { delete: HISTORY_COLLECTION, deletes: [{ q: { _id: id }, limit: 1 }] }, { op: 'history' });
  }
}
