import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { op } from '@tidemark/core';
import { openTempDb, query, step, type TempDb } from './__fixtures__/harness.js';

let db: TempDb;

describe('names with quotes, spaces, reserved words and non-ASCII', () => {
  beforeEach(async () => { db = await openTempDb(); });
  afterEach(async () => db.cleanup());

  it('survive every operation and introspection', async () => {
    await step(db, op.createTable({
      name: 'order', primaryKey: ['select'],
      columns: [{ name: 'select', type: 'i32', autoIncrement: true }, { name: 'café', type: 'string', length: 20 }, { name: 'say "hi"', type: 'enum', values: ['a"b', "c'd"], nullable: true }],
      indexes: [{ name: 'idx "odd", (name)', columns: ['café', 'say "hi"'], unique: true }],
    }));
    await step(db, op.createTable({
      name: 'my items', primaryKey: ['id'],
      columns: [{ name: 'id', type: 'i32', autoIncrement: true }, { name: 'order id', type: 'i32', nullable: true }],
      foreignKeys: [{ name: 'fk "items" → order, (x)', columns: ['order id'], referencedTable: 'order', referencedColumns: ['select'], onDelete: 'cascade' }],
    }));
    await db.conn.applier.execute(`INSERT INTO "order" ("café", "say ""hi""") VALUES ('crème', 'a"b'), ('brûlée', NULL)`);
    await db.conn.applier.execute('INSERT INTO "my items" ("order id") VALUES (1), (2), (2)');
    await step(db, op.alterColumn('order', 'café', { type: 'text' }));
    await step(db, op.renameColumn('order', 'say "hi"', 'where'));
    await step(db, op.addColumn('order', { name: 'from', type: 'boolean' }, { backfill: true }));
    await step(db, op.renameTable('order', 'group'));
    await step(db, op.alterColumn('my items', 'order id', { type: 'i64', nullable: true }));
    await step(db, op.dropForeignKey('my items', 'fk "items" → order, (x)'));
    await step(db, op.addForeignKey('my items', { name: 'fk "again"', columns: ['order id'], referencedTable: 'group', referencedColumns: ['select'] }));
    await step(db, op.dropIndex('group', 'idx "odd", (name)'));
    assert.deepEqual(await query(db, 'SELECT "select", "café", "where", "from" FROM "group" ORDER BY 1'), [
      { select: 1, café: 'crème', where: 'a"b', from: 1 }, { select: 2, café: 'brûlée', where: null, from: 1 },
    ]);
    assert.equal((await query(db, 'SELECT * FROM "my items"')).length, 3);
  });
});
