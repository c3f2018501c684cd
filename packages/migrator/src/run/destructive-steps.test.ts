import assert from 'node:assert/strict';
import { test } from 'vitest';
import { applyOperation, emptySnapshot, op, type OperationApplier } from '@tidemark/core';
import { destructiveSteps } from './destructive-steps.js';
import { checkSteps } from './migration-plan.js';

/** An applier that only counts: `rows` per table, `values` per table.column; it records what was asked. */
function counting(rows: Record<string, number>, asked: string[]): OperationApplier {
  return {
    countAtRisk: async (table: string, column?: string) => {
      asked.push(column === undefined ? table : `${table}.${column}`);
      if (!(table in rows)) throw Object.assign(new Error('no such table'), {});
      return rows[column === undefined ? table : `${table}.${column}`] ?? 0;
    },
  } as unknown as OperationApplier;
}

const users = op.createTable({ name: 'users', columns: [{ name: 'id', type: 'i32' }, { name: 'bio', type: 'text', nullable: true }], primaryKey: ['id'] });
const logs = op.createTable({ name: 'logs', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] });
/** The schema before the migrations under test: users and logs. */
const schema = applyOperation(applyOperation(emptySnapshot(), users), logs);

test('each destructive step is counted when its data exists before the run, and says why not otherwise', async () => {
  const steps = checkSteps([
    op.dropColumn('users', 'bio'),
    op.createTable({ name: 'tmp', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }),
    op.dropTable('tmp'),
    op.dropTable('logs'),
  ], schema);
  const asked: string[] = [];
  const found = await destructiveSteps([{ id: 'm1', steps, skip: 0 }], counting({ users: 3, 'users.bio': 2, logs: 7 }, asked));
  assert.deepEqual(found.map((s) => [s.migration, s.step, s.warning.code, s.table, s.column, s.rows, s.notCounted]), [
    ['m1', 1, 'TM_W_DROP_COLUMN', 'users', 'bio', 2, undefined],
    ['m1', 3, 'TM_W_DROP_TABLE', 'tmp', undefined, undefined, 'an earlier step changes this table first'],
    ['m1', 4, 'TM_W_DROP_TABLE', 'logs', undefined, 7, undefined],
  ]);
  assert.deepEqual(asked, ['users.bio', 'logs'], 'a table an earlier step makes is never read');
});

test('a resumed migration is asked about only from the step it resumes at', async () => {
  const steps = checkSteps([op.dropTable('logs'), op.dropColumn('users', 'bio')], schema);
  const found = await destructiveSteps([{ id: 'm1', steps, skip: 1 }], counting({ users: 1, 'users.bio': 1 }, []));
  assert.deepEqual(found.map((s) => [s.step, s.warning.code, s.rows]), [[2, 'TM_W_DROP_COLUMN', 1]]);
});
