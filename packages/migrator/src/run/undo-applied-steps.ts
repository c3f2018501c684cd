import { invertOperation, isDataStep, TidemarkError, type HistoryRecord, type SchemaOperation } from '@tidemark/core';
import type { ReplayedMigration } from '../source/replay.js';
import { checkSteps } from './migration-plan.js';
import { describeStep } from './unsettled.js';

/**
 * `undoAppliedSteps` is how `down` takes back a migration that failed part-way: the inverse of
 * each of its applied steps, newest first, computed from the schema before that step (the
 * migration's own `down` assumes every step ran, so it cannot be used). A native statement has
 * no automatic inverse: then `down` refuses, naming what to do instead.
 */
export function undoAppliedSteps(record: HistoryRecord, replayed: ReplayedMigration): SchemaOperation[] {
  const k = record.stepsApplied ?? 0;
  const steps = checkSteps(replayed.operations, replayed.before).slice(0, k);
  const native = steps.findIndex((s) => isDataStep(s.operation));
  if (native >= 0) {
    throw new TidemarkError('TM_MIGRATION_FAILED', {
      message: `${record.id} failed part-way with ${k} step(s) applied, and step ${native + 1} (${describeStep(steps[native]!.operation)}) has no automatic inverse`,
      hint: `undo its applied steps by hand, then record that with \`tidemark migrate:resolve ${record.id} --rolled-back\`; or fix the cause and finish it with \`tidemark migrate:up --resume\``,
      details: { id: record.id, stepsApplied: k, step: native + 1 },
    });
  }
  return steps.reverse().map((s) => invertOperation(s.operation, s.before).operation);
}
