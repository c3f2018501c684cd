import { precheckFailed, type TidemarkError } from '@tidemark/core';
import type { MongoCommandRunner } from '../command-runner.js';
import { countMatching, readAll } from '../cursor.js';
import { isDocument, type Document } from '../document.js';
import { runCommand } from '../run-command.js';
import type { CountCheck, DataCheck, DuplicateCheck } from '../apply/plan.js';

/** `SAMPLE_SIZE` is how many offending documents (or groups) a precheck failure shows. */
export const SAMPLE_SIZE = 5;

async function runCount(runner: MongoCommandRunner, check: CountCheck, op: string): Promise<TidemarkError | undefined> {
  const count = await countMatching(runner, check.collection, check.match, op);
  if (count === 0) return undefined;
  const projection = check.show.length > 0 ? { _id: 0, ...Object.fromEntries([...new Set(check.show)].map((f) => [f, 1])) } : {};
  const samples = await readAll(runner, { find: check.collection, filter: check.match, projection, limit: SAMPLE_SIZE, singleBatch: true }, op);
  return precheckFailed(check.check, check.target, count, samples, check.hint);
}

async function runDuplicates(runner: MongoCommandRunner, check: DuplicateCheck, op: string): Promise<TidemarkError | undefined> {
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
  if (count === 0) return undefined;
  const samples = ((row.samples as Document[] | undefined) ?? []).map((g) => ({ ...(isDocument(g._id) ? g._id : {}), duplicates: g.duplicates }));
  return precheckFailed(check.check, check.target, count, samples, check.hint);
}

/**
 * `checkData` runs an operation's prechecks in order and returns the TM_PRECHECK_FAILED error of
 * each that finds data which would not survive (count and up to five samples): the first only
 * (`first`, for apply) or all of them (`all`, for precheck). Only reads run here.
 */
export async function checkData(runner: MongoCommandRunner, checks: readonly DataCheck[], op: string, mode: 'first' | 'all'): Promise<TidemarkError[]> {
  const failures: TidemarkError[] = [];
  for (const check of checks) {
    const failure = check.kind === 'count' ? await runCount(runner, check, op) : await runDuplicates(runner, check, op);
    if (!failure) continue;
    failures.push(failure);
    if (mode === 'first') break;
  }
  return failures;
}

/** `runChecks` runs an operation's prechecks in order; the first that fails is thrown (TM_PRECHECK_FAILED). */
export async function runChecks(runner: MongoCommandRunner, checks: readonly DataCheck[], op: string): Promise<void> {
  const [failure] = await checkData(runner, checks, op, 'first');
  if (failure) throw failure;
}
