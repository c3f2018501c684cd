import type { RenameTable } from '@tidemark/core';
import { checkCollectionName } from '../names.js';
import type { PlanContext } from './context.js';
import type { MongoPlan } from './plan.js';

/**
 * renameTable: `renameCollection`, which runs on `admin` with full namespaces and keeps the
 * documents, the validator (and so the metadata) and the indexes. Foreign key metadata of other
 * tables that point here is rewritten by the validator sync (plan-operation.ts).
 */
export function planRenameTable(op: RenameTable, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  checkCollectionName(ctx.databaseName, op.to);
  return {
    checks: [],
    steps: [{
      kind: 'command',
      target: 'admin',
      command: { renameCollection: `${ctx.databaseName}.${op.from}`, to: `${ctx.databaseName}.${op.to}`, dropTarget: false },
    }],
    undo: [],
  };
}
