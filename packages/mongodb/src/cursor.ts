import type { MongoCommandRunner } from './command-runner.js';
import { asLong, commandCollection, isExhausted, type CursorId, type Document } from './document.js';
import { runCommand } from './run-command.js';

interface CursorReply {
  readonly id?: CursorId;
  readonly ns?: string;
  readonly firstBatch?: readonly Document[];
  readonly nextBatch?: readonly Document[];
}

/** The collection a cursor's `getMore` names: its namespace without the database (`$cmd.listIndexes.users` too). */
function cursorCollection(runner: MongoCommandRunner, command: Document, cursor: CursorReply): string {
  const prefix = `${runner.databaseName}.`;
  if (cursor.ns?.startsWith(prefix)) return cursor.ns.slice(prefix.length);
  return commandCollection(command) ?? '';
}

/**
 * `forEachBatch` runs a cursor command (`find`, `aggregate`, `listCollections`, `listIndexes`)
 * and hands each batch to `fn`, fetching the next with `getMore` until the cursor is exhausted.
 * If `fn` or a fetch throws, the open cursor is killed (best effort) before the error leaves.
 * Cursors are bound to the session that opened them; the driver runner keeps one session.
 */
export async function forEachBatch(runner: MongoCommandRunner, command: Document, fn: (batch: readonly Document[]) => Promise<void>,
  options: { readonly op?: string; readonly batchSize?: number } = {}): Promise<void> {
  const first = await runCommand(runner, command, { op: options.op });
  let cursor = (first.cursor ?? {}) as CursorReply;
  const collection = cursorCollection(runner, command, cursor);
  let batch = cursor.firstBatch ?? [];
  try {
    for (;;) {
      if (batch.length > 0) await fn(batch);
      if (isExhausted(cursor.id)) return;
      const next = await runCommand(runner, {
        getMore: asLong(cursor.id!), collection, ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
      }, { op: options.op });
      cursor = { ...(next.cursor as CursorReply), id: (next.cursor as CursorReply | undefined)?.id ?? 0 };
      batch = cursor.nextBatch ?? [];
    }
  } catch (err) {
    if (!isExhausted(cursor.id)) {
      await runner.command({ killCursors: collection, cursors: [asLong(cursor.id!)] }).catch(() => undefined);
    }
    throw err;
  }
}

/** `readAll` returns every document a cursor command yields. */
export async function readAll(runner: MongoCommandRunner, command: Document, op?: string): Promise<Document[]> {
  const out: Document[] = [];
  await forEachBatch(runner, command, async (batch) => { out.push(...batch); }, { op });
  return out;
}

/** `countMatching` counts the documents of `collection` matching `filter` (an `aggregate` with `$count`, exact and `$expr`-aware). */
export async function countMatching(runner: MongoCommandRunner, collection: string, filter: Document, op?: string): Promise<number> {
  const reply = await runCommand(runner, { aggregate: collection, pipeline: [{ $match: filter }, { $count: 'n' }], cursor: {} }, { op });
  const row = ((reply.cursor as CursorReply | undefined)?.firstBatch ?? [])[0];
  return typeof row?.n === 'number' ? row.n : 0;
}
