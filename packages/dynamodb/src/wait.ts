import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { TidemarkError } from '@tidemark/core';
import { describeTable } from './describe-table.js';
import type { DynamoGateway } from './gateway.js';

/** `WaitEvent` is one look at a table or index that is not ready yet. */
export interface WaitEvent {
  readonly table: string;
  readonly index?: string;
  /** What DynamoDB said: CREATING, UPDATING, DELETING, or GONE once it is gone. */
  readonly status: string;
  readonly waitedMs: number;
}

/** `WaitOptions` say how long to wait and who wants to watch. */
export interface WaitOptions {
  /** Give up after this long; default TIDEMARK_DYNAMODB_WAIT_TIMEOUT_MS or 30 minutes (a GSI on a big table takes that). */
  readonly timeoutMs: number;
  /** Called after each look that found the table or index not ready yet. */
  readonly onWait?: ((event: WaitEvent) => void) | undefined;
}

/** `DEFAULT_WAIT_TIMEOUT_MS` is how long Tidemark waits for one table or index change by default. */
export const DEFAULT_WAIT_TIMEOUT_MS = 30 * 60_000;

/** `waitTimeoutFromEnv` reads TIDEMARK_DYNAMODB_WAIT_TIMEOUT_MS, falling back on the default. */
export function waitTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TIDEMARK_DYNAMODB_WAIT_TIMEOUT_MS);
  return env.TIDEMARK_DYNAMODB_WAIT_TIMEOUT_MS !== undefined && Number.isFinite(n) && n > 0 ? n : DEFAULT_WAIT_TIMEOUT_MS;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `look` until it says done, backing off from 50 ms to 5 s between looks (DynamoDB Local
 * builds an index in half a second, AWS may take many minutes), then fails with a clear error.
 */
async function poll<T>(options: WaitOptions, what: { table: string; index?: string; goal: string },
  look: () => Promise<{ done: true; value: T } | { done: false; status: string }>): Promise<T> {
  const started = Date.now();
  for (let delay = 50; ; delay = Math.min(delay * 1.5, 5000)) {
    const seen = await look();
    if (seen.done) return seen.value;
    const waitedMs = Date.now() - started;
    options.onWait?.({ table: what.table, ...(what.index ? { index: what.index } : {}), status: seen.status, waitedMs });
    if (waitedMs >= options.timeoutMs) {
      const subject = what.index ? `index ${what.index} of table ${what.table}` : `table ${what.table}`;
      throw new TidemarkError('TM_BACKEND_ERROR', {
        message: `dynamodb: ${subject} is still ${seen.status} after ${Math.round(waitedMs / 1000)} s (waiting until it is ${what.goal})`,
        hint: `DynamoDB is still working on it: wait until the console shows it ${what.goal}, run \`tidemark migrate:status\`, then run again (TIDEMARK_DYNAMODB_WAIT_TIMEOUT_MS sets how long to wait)`,
        details: { dialect: 'dynamodb', table: what.table, index: what.index, status: seen.status, waitedMs },
      });
    }
    await sleep(Math.min(delay, Math.max(0, options.timeoutMs - waitedMs) + 10));
  }
}

/** `waitForTableActive` waits until a table and every one of its global secondary indexes are ACTIVE. */
export async function waitForTableActive(db: DynamoGateway, table: string, options: WaitOptions, op = 'wait'): Promise<TableDescription> {
  return poll(options, { table, goal: 'ACTIVE' }, async () => {
    const t = await describeTable(db, table, op);
    if (!t) return { done: false, status: 'NOT YET VISIBLE' };
    if (t.TableStatus !== 'ACTIVE') return { done: false, status: t.TableStatus ?? 'UNKNOWN' };
    const busy = (t.GlobalSecondaryIndexes ?? []).find((g) => g.IndexStatus !== 'ACTIVE');
    return busy ? { done: false, status: `${busy.IndexStatus} (index ${busy.IndexName})` } : { done: true, value: t };
  });
}

/** `waitForIndexActive` waits until one index exists and is ACTIVE, and its table too. */
export async function waitForIndexActive(db: DynamoGateway, table: string, index: string, options: WaitOptions, op = 'wait'): Promise<void> {
  await poll(options, { table, index, goal: 'ACTIVE' }, async () => {
    const t = await describeTable(db, table, op);
    const g = t?.GlobalSecondaryIndexes?.find((x) => x.IndexName === index);
    if (!t || !g) return { done: false, status: 'NOT YET VISIBLE' };
    if (g.IndexStatus !== 'ACTIVE') return { done: false, status: g.IndexStatus ?? 'UNKNOWN' };
    return t.TableStatus === 'ACTIVE' ? { done: true, value: undefined } : { done: false, status: `${t.TableStatus} (table)` };
  });
}

/** `waitForIndexGone` waits until an index no longer exists and its table is ACTIVE again. */
export async function waitForIndexGone(db: DynamoGateway, table: string, index: string, options: WaitOptions, op = 'wait'): Promise<void> {
  await poll(options, { table, index, goal: 'gone' }, async () => {
    const t = await describeTable(db, table, op);
    if (!t) return { done: true, value: undefined };
    const g = t.GlobalSecondaryIndexes?.find((x) => x.IndexName === index);
    if (g) return { done: false, status: g.IndexStatus ?? 'UNKNOWN' };
    return t.TableStatus === 'ACTIVE' ? { done: true, value: undefined } : { done: false, status: `${t.TableStatus} (table)` };
  });
}

/** `waitForTableGone` waits until a deleted table no longer exists. */
export async function waitForTableGone(db: DynamoGateway, table: string, options: WaitOptions, op = 'wait'): Promise<void> {
  await poll(options, { table, goal: 'gone' }, async () => {
    const t = await describeTable(db, table, op);
    return t ? { done: false, status: t.TableStatus ?? 'UNKNOWN' } : { done: true, value: undefined };
  });
}
