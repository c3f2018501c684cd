import type { CreateTable } from '@tidemark/core';
import { checkCollectionName, checkFieldName, checkIndexColumns, checkIndexName } from '../names.js';
import { checkDistinctIndexKeys, indexSpec, keyIndexSpec } from '../schema/index-spec.js';
import { createCommand } from '../schema/validator.js';
import { tableIn, type PlanContext } from './context.js';
import { command, type MongoPlan } from './plan.js';

/**
 * createTable: `create` the collection with its validator, then `createIndexes` for the key
 * and every index. If the indexes fail, the new (empty) collection is dropped again.
 */
export function planCreateTable(op: CreateTable, ctx: PlanContext): Omit<MongoPlan, 'after'> {
  const table = tableIn(ctx.after, op.table.name);
  checkCollectionName(ctx.databaseName, table.name);
  for (const c of table.columns) checkFieldName(table.name, c.name);
  for (const i of table.indexes) {
    checkIndexName(table.name, i.name);
    checkIndexColumns(table.name, i.name, i.columns);
  }
  checkIndexColumns(table.name, 'key', table.primaryKey);
  checkDistinctIndexKeys(table);
  const key = keyIndexSpec(table);
  const indexes = [...(key ? [key] : []), ...table.indexes.map((i) => indexSpec(table, i))];
  return {
    checks: [],
    steps: [command(createCommand(table)), ...(indexes.length > 0 ? [command({ createIndexes: table.name, indexes })] : [])],
    undo: [{ drop: table.name }],
  };
}
