import { applyOperation, assertNever, findTable, unsupportedOperation, type SchemaOperation, type SchemaSnapshot } from '@tidemark/core';
import { collModCommand, jsonSchemaFor } from '../schema/validator.js';
import { planAddColumn } from './add-column.js';
import { planAlterColumn } from './alter-column.js';
import { planAlterPrimaryKey } from './alter-primary-key.js';
import type { PlanContext } from './context.js';
import { planCreateIndex } from './create-index.js';
import { planCreateTable } from './create-table.js';
import { planDropColumn } from './drop-column.js';
import { planDropIndex } from './drop-index.js';
import { planDropTable } from './drop-table.js';
import { planForeignKey } from './foreign-keys.js';
import { command, type MongoPlan, type Step } from './plan.js';
import { planRenameColumn } from './rename-column.js';
import { planRenameTable } from './rename-table.js';

function planOwn(op: SchemaOperation, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  switch (op.kind) {
    case 'createTable': return planCreateTable(op, ctx);
    case 'dropTable': return planDropTable(op);
    case 'renameTable': return planRenameTable(op, ctx);
    case 'addColumn': return planAddColumn(op, ctx);
    case 'dropColumn': return planDropColumn(op, ctx);
    case 'alterColumn': return planAlterColumn(op, ctx);
    case 'renameColumn': return planRenameColumn(op, ctx);
    case 'alterPrimaryKey': return planAlterPrimaryKey(op, ctx);
    case 'createIndex': return planCreateIndex(op, ctx);
    case 'dropIndex': return planDropIndex(op);
    case 'addForeignKey': case 'dropForeignKey': return planForeignKey(op, ctx);
    // checkCapabilities refuses these first (no `checkConstraints`); reaching here is a bug
    case 'addCheck': case 'dropCheck':
      throw unsupportedOperation('mongodb', `${op.kind === 'addCheck' ? 'add' : 'drop'} a CHECK constraint on ${op.table}: MongoDB has none`, 'remove the @Check from the model');
    default: return assertNever(op);
  }
}

/** The tables whose validator the operation's own plan writes (or removes). */
const handledTables = (op: SchemaOperation): string[] =>
  op.kind === 'createTable' ? [op.table.name] : op.kind === 'dropTable' ? [op.table] : op.kind === 'renameTable' ? [] : [op.table];

/**
 * Tables whose validator changes beyond what the operation's own plan writes: their foreign key
 * metadata names a renamed table or column (a renamed table that points at itself included).
 * Each gets one `collMod`, after the operation's own steps.
 */
function syncValidators(op: SchemaOperation, ctx: PlanContext): Step[] {
  const handled = handledTables(op);
  const previousName = (name: string): string => (op.kind === 'renameTable' && name === op.to ? op.from : name);
  return ctx.after.tables
    .filter((t) => !handled.includes(t.name))
    .filter((t) => {
      const before = findTable(ctx.before, previousName(t.name));
      return before !== undefined && JSON.stringify(jsonSchemaFor(before)) !== JSON.stringify(jsonSchemaFor(t));
    })
    .map((t) => command(collModCommand(t)));
}

/**
 * `planOperation` decides how `operation` runs on a database whose schema is `before`: core's
 * reducer first (a step that does not fit the schema fails here, before anything runs), then
 * the operation's own prechecks and commands, then the validators of other tables it touches.
 * Pure: the same operation and schema always give the same plan (what `--dry-run` prints).
 */
export function planOperation(operation: SchemaOperation, before: SchemaSnapshot, databaseName: string): MongoPlan {
  const after = applyOperation(before, operation);
  const ctx: PlanContext = { databaseName, before, after };
  const own = planOwn(operation, ctx);
  return { ...own, steps: [...own.steps, ...syncValidators(operation, ctx)], after };
}
