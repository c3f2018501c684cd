import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { HistoryRecord, MigrationHistory, MigrationOutcome } from '@tidemark/core';
import { awsErrorName } from './errors.js';
import type { DynamoGateway } from './gateway.js';
import { scanPages } from './scan.js';
import { ensureTrackingTable, HISTORY_TABLE } from './tracking-tables.js';
import type { WaitOptions } from './wait.js';

function toItem(r: HistoryRecord): Record<string, AttributeValue> {
  return {
    id: { S: r.id },
    checksum: { S: r.checksum },
    appliedAt: { S: r.appliedAt },
    executionMs: { N: String(Math.round(r.executionMs)) },
    appliedBy: { S: r.appliedBy },
    outcome: { S: r.outcome },
    ...(r.stepsApplied !== undefined ? { stepsApplied: { N: String(r.stepsApplied) } } : {}),
    ...(r.failedStep !== undefined ? { failedStep: { N: String(r.failedStep) } } : {}),
    ...(r.error !== undefined ? { error: { S: r.error } } : {}),
  };
}

function fromItem(item: Record<string, AttributeValue>): HistoryRecord {
  return {
    id: item.id!.S!,
    checksum: item.checksum?.S ?? '',
    appliedAt: item.appliedAt?.S ?? '',
    executionMs: Number(item.executionMs?.N ?? 0),
    appliedBy: item.appliedBy?.S ?? '',
    outcome: (item.outcome?.S ?? 'failed') as MigrationOutcome,
    ...(item.stepsApplied?.N !== undefined ? { stepsApplied: Number(item.stepsApplied.N) } : {}),
    ...(item.failedStep?.N !== undefined ? { failedStep: Number(item.failedStep.N) } : {}),
    ...(item.error?.S !== undefined ? { error: item.error.S } : {}),
  };
}

/**
 * `DynamoHistory` keeps `_tidemark_migrations` in the account and region it tracks: one item per
 * migration (key `id`), with the fields of `HistoryRecord` as attributes of the same names.
 */
export class DynamoHistory implements MigrationHistory {
  readonly #db: DynamoGateway;
  readonly #wait: WaitOptions;
  #ready = false;

  constructor(db: DynamoGateway, wait: WaitOptions) {
    this.#db = db;
    this.#wait = wait;
  }

  /** `ensure` creates the table if it is missing and waits until it is ACTIVE; idempotent. */
  async ensure(): Promise<void> {
    if (this.#ready) return;
    await ensureTrackingTable(this.#db, HISTORY_TABLE, 'id', this.#wait);
    this.#ready = true;
  }

  /** `list` returns every record in id order (a consistent read); an empty list before the table exists. */
  async list(): Promise<HistoryRecord[]> {
    const records: HistoryRecord[] = [];
    try {
      for await (const page of scanPages(this.#db, { TableName: HISTORY_TABLE }, 'history')) records.push(...page.map(fromItem));
    } catch (err) {
      if (awsErrorName(err) === 'ResourceNotFoundException') {
        this.#ready = false;
        return [];
      }
      throw err;
    }
    return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** `save` inserts or replaces the record with the same id. */
  async save(record: HistoryRecord): Promise<void> {
    await this.ensure();
    await this.#db.send('PutItem', { TableName: HISTORY_TABLE, Item: toItem(record) }, { op: 'history', table: HISTORY_TABLE });
  }

  /** `remove` deletes the record of `id` (after a rollback); a missing one is not an error. */
  async remove(id: string): Promise<void> {
    try {
      await this.#db.send('DeleteItem', { TableName: HISTORY_TABLE, Key: { id: { S: id } } }, { op: 'history', table: HISTORY_TABLE });
    } catch (err) {
      if (awsErrorName(err) !== 'ResourceNotFoundException') throw err;
    }
  }

  /** `forget` makes the next `ensure` check the table again (after `dropAll`). */
  forget(): void {
    this.#ready = false;
  }
}
