import {
  applyOperation, checksumChanged, classifyOperation, fileMissing,
  type HistoryRecord, type Operation, type SchemaSnapshot, type Warning,
} from '@tidemark/core';
import type { MigrationFile } from '../source/migration-file.js';

/** `StepCheck` is a recorded migration step with the schema before it and its warnings. */
export interface StepCheck {
  readonly operation: Operation;
  readonly before: SchemaSnapshot;
  readonly warnings: readonly Warning[];
}

/** `checkSteps` folds recorded operations over `before`, classifying each destructive step. */
export function checkSteps(operations: readonly Operation[], before: SchemaSnapshot): StepCheck[] {
  let state = before;
  return operations.map((operation) => {
    const step = { operation, before: state, warnings: classifyOperation(operation, state) };
    state = applyOperation(state, operation);
    return step;
  });
}

/**
 * `verifyApplied` compares each applied migration's recorded checksum with its file, and fails
 * on the first file that is missing or was edited after it was applied.
 */
export function verifyApplied(records: readonly HistoryRecord[], files: readonly MigrationFile[]): void {
  const byId = new Map(files.map((f) => [f.id, f]));
  for (const r of records) {
    if (r.outcome !== 'applied') continue;
    const f = byId.get(r.id);
    if (!f) throw fileMissing(r.id);
    if (f.checksum !== r.checksum) throw checksumChanged(r.id, r.checksum, f.checksum, f.path);
  }
}
