import type { AttributeValue, WriteRequest } from '@aws-sdk/client-dynamodb';
import { isDefaultNow, TidemarkError, type ProgressListener } from '@tidemark/core';
import { rewriteRequest, rewriteScan, type RewriteValues } from './apply/rewrite-request.js';
import type { Rewrite } from './apply/step.js';
import { mapLimit } from './concurrency.js';
import { awsErrorName } from './errors.js';
import { keyOf } from './expressions.js';
import type { DynamoGateway } from './gateway.js';
import { scanPages, type Item } from './scan.js';
import { toAttributeValue, sameAttributeValue, nowValue } from './values/attribute-value.js';
import { convertValue } from './values/convert-value.js';

/** `WRITE_CONCURRENCY` is how many UpdateItem calls a rewrite keeps in flight (the SDK backs off on throttling). */
export const WRITE_CONCURRENCY = 16;

/** `PROGRESS_EVERY` items, a rewrite or copy reports how far it got (and at the end of each page). */
export const PROGRESS_EVERY = 500;

/** `RewriteTarget` names the table a rewrite passes over and the operation it belongs to (for progress). */
export interface RewriteTarget {
  readonly table: string;
  readonly key: readonly string[];
  readonly operation: string;
}

/** What a rewrite does to one scanned item: send this update, leave it as it is, or report it. */
type ItemUpdate = { readonly send: RewriteValues } | 'unchanged' | 'refused';

function itemUpdate(rewrite: Rewrite, item: Item, fill: AttributeValue | undefined): ItemUpdate {
  if (rewrite.kind === 'fill') return { send: { fill: fill! } };
  if (rewrite.kind !== 'convert') return { send: {} };
  const old = item[rewrite.column.name]!;
  const converted = convertValue(old, rewrite.column);
  // a value written after the precheck read the table, by someone else: reported, not guessed at
  if ('problem' in converted) return 'refused';
  return sameAttributeValue(converted.value, old) ? 'unchanged' : { send: { old, new: converted.value } };
}

/**
 * `rewriteItems` passes over every item a rewrite concerns, page by page (Scan of the key, plus
 * the column for a conversion), and sends one conditional UpdateItem per item, 16 at a time.
 * An item whose condition fails was changed or deleted meanwhile by someone else, and is left as
 * that writer made it. Progress is reported every 500 items and at the end of each page.
 * Returns how many items it updated.
 */
export async function rewriteItems(db: DynamoGateway, target: RewriteTarget, rewrite: Rewrite, onProgress?: ProgressListener): Promise<number> {
  const { table, key, operation } = target;
  // one value for the whole pass: every item back-filled with Default.now gets the same instant
  const fill = rewrite.kind === 'fill'
    ? (isDefaultNow(rewrite.value) ? { S: nowValue(rewrite.column.type, new Date()) } : toAttributeValue(rewrite.value, rewrite.column))
    : undefined;
  let done = 0;
  let reported = 0;
  let updated = 0;
  const refused: Item[] = [];
  const report = (): void => {
    reported = done;
    onProgress?.({ operation, table, done });
  };
  for await (const page of scanPages(db, rewriteScan(rewrite, table, key), operation)) {
    await mapLimit(page, WRITE_CONCURRENCY, async (item) => {
      const update = itemUpdate(rewrite, item, fill);
      if (update === 'refused') refused.push(item);
      else if (update !== 'unchanged') {
        try {
          await db.send('UpdateItem', { TableName: table, Key: keyOf(item, key), ...rewriteRequest(rewrite, key, update.send) }, { op: operation, table });
          updated++;
        } catch (err) {
          if (awsErrorName(err) !== 'ConditionalCheckFailedException') throw err;
        }
      }
      done++;
      if (done - reported >= PROGRESS_EVERY) report();
    });
    if (done !== reported) report();
  }
  if (refused.length > 0) {
    throw new TidemarkError('TM_BACKEND_ERROR', {
      message: `dynamodb: ${refused.length} item(s) of ${table} were given a value that does not convert after the check passed (a concurrent write); the other items were converted`,
      hint: 'fix those items, then run the migration again; stop the application\'s writes during type changes',
      details: { dialect: 'dynamodb', table, op: operation, keys: refused.slice(0, 5).map((i) => keyOf(i, key)) },
    });
  }
  return updated;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes up to 25 requests with BatchWriteItem, retrying what DynamoDB returns unprocessed with backoff. */
async function batchWrite(db: DynamoGateway, table: string, requests: WriteRequest[], operation: string): Promise<void> {
  let pending = requests;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) {
      if (attempt > 10) {
        throw new TidemarkError('TM_BACKEND_ERROR', {
          message: `dynamodb: ${pending.length} item(s) could not be written to ${table} after 10 retries (throttled)`,
          hint: 'raise the table\'s capacity (or use on-demand), then run again',
          details: { dialect: 'dynamodb', table, op: operation },
        });
      }
      await sleep(Math.min(50 * 2 ** attempt, 5000));
    }
    const out = await db.send('BatchWriteItem', { RequestItems: { [table]: pending } }, { op: operation, table });
    pending = out.UnprocessedItems?.[table] ?? [];
  }
}

/**
 * `copyItems` copies every item of `from` into `to` (a consistent Scan, BatchWriteItem 25 items
 * at a time, 4 batches in flight), reporting progress every 500 items. Returns how many it copied.
 */
export async function copyItems(db: DynamoGateway, from: string, to: string, operation: string, onProgress?: ProgressListener): Promise<number> {
  let done = 0;
  let reported = 0;
  const report = (): void => {
    reported = done;
    onProgress?.({ operation, table: from, done });
  };
  for await (const page of scanPages(db, { TableName: from }, operation)) {
    const batches: WriteRequest[][] = [];
    for (let i = 0; i < page.length; i += 25) batches.push(page.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })));
    await mapLimit(batches, 4, async (batch) => {
      await batchWrite(db, to, batch, operation);
      done += batch.length;
      if (done - reported >= PROGRESS_EVERY) report();
    });
    if (done !== reported) report();
  }
  return done;
}
