import { precheckFailed } from '@tidemark/core';
import type { MongoCommandRunner } from '../command-runner.js';
import { countMatching, readAll } from '../cursor.js';
import { isDocument, type Document } from '../document.js';
import { runCommand } from '../run-command.js';
import type { CountCheck, DataCheck, DuplicateCheck } from '../apply/plan.js';

/** `SAMPLE_SIZE` is how many offending documents (or groups) a precheck failure shows. */
export const SAMPLE_SIZE = 5;

async function runCount(runner: MongoCommandRunner, check: CountCheck, op: string): Promise<void> {
  const count = await countMatching(runner, check.collection, check.match, op);
  if (count === 0) return;
  const projection = check.show.length > 0 ? { _id: 0, ...Object.fromEntries([...new Set(check.show)].map((f) => [f, 1])) } : {};
  const samples = await readAll(runner, { find: check.collection, filter: check.match, projection, limit: SAMPLE_SIZE, singleBatch: true }, op);
  throw precheckFailed(check.check, check.target, count, samples, check.hint);
}

async function runDuplicates(runner: MongoCommandRunner, check: DuplicateCheck, op: string): Promise<void> {
  const reply = await runCommand(runner, {
    aggregate: check.collection,
    pipeline: [
      { $match: check.match },
      { $group: { _id: check.group, duplicates: { $sum: 1 } } },
      { $match: { duplicates: { $gt: 1 } } },
      { $facet: { total: [{ $group: { _id: null, n: { $sum: '$duplicates' } } }], samples: [{ $limit: SAMPLE_SIZE }] } },
    ],
    cursor: {},
  }, { op });
  const row = ((reply.cursor as { firstBatch?: Document[] } | undefined)?.firstBatch ?? [])[0] ?? {};
  const total = (row.total as Document[] | undefined)?.[0]?.n;
  const count = typeof total === 'number' ? total : 0;
  if (count === 0) return;
  const samples = ((row.samples as Document[] | undefined) ?? []).map((g) => ({ ...(isDocument(g._id) ? g._id : {}), duplicates: g.duplicates }));
  throw precheckFailed(check.check, check.target, count, samples, check.hint);
}

/**
 * `runChecks` runs an operation's prechecks in order; the first that finds data which would not
 * survive throws TM_PRECHECK_FAILED with the count and up to five samples. Only reads run here.
 */
export async function runChecks(runner: MongoCommandRunner, checks: readonly DataCheck[], op: string): Promise<void> {
  for (const check of checks) {
    if (check.kind === 'count') await runCount(runner, check, op);
    else await runDuplicates(runner, check, op);
  }
}
