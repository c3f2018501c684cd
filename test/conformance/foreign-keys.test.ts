// Foreign keys, where the backend enforces them: added and dropped on tables holding rows, and
// no cascade fires when a parent table is rebuilt.
import assert from 'node:assert/strict';
import { isTidemarkError, op } from '@tidemark/core';
import { conformanceSuite } from './conformance.js';

const parents = op.createTable({ name: 'parents', columns: [{ name: 'id', type: 'i32' }, { name: 'name', type: 'string' }], primaryKey: ['id'] });
const children = op.createTable({
  name: 'children',
  columns: [{ name: 'id', type: 'i32' }, { name: 'parent_id', type: 'i32' }],
  primaryKey: ['id'],
  indexes: [{ name: 'idx_children_parent_id', columns: ['parent_id'] }],
  foreignKeys: [{ name: 'fk_children_parent_id', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'], onDelete: 'cascade' }],
});
const parentRows = [{ id: 1, name: 'a' }, { id: 2, name: 'b' }];
const childRows = [{ id: 10, parent_id: 1 }, { id: 11, parent_id: 1 }, { id: 12, parent_id: 2 }];

await conformanceSuite('foreign keys', [
  {
    name: 'changing a parent table keeps every child row (no cascade fires)',
    requires: ['foreignKeys'],
    async run({ apply, insert, select }) {
      await apply(parents, children);
      await insert('parents', parentRows);
      await insert('children', childRows);
      await apply(
        op.alterColumn('parents', 'name', { type: 'text', nullable: true }),
        op.addColumn('parents', { name: 'rank', type: 'i32' }, { backfill: 0 }),
        op.renameTable('parents', 'folks'),
      );
      assert.deepStrictEqual(await select('children', ['id', 'parent_id'], 'id'), childRows);
    },
  },
  {
    name: 'addForeignKey and dropForeignKey on tables with rows; the key is enforced afterwards',
    requires: ['foreignKeys'],
    async run({ apply, insert, select, connection }) {
      await apply(parents, op.createTable({ name: 'kids', columns: [{ name: 'id', type: 'i32' }, { name: 'parent_id', type: 'i32' }], primaryKey: ['id'] }));
      await insert('parents', parentRows);
      await insert('kids', childRows);
      await apply(op.addForeignKey('kids', { name: 'fk_kids_parent_id', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'], onDelete: 'cascade' }));
      await assert.rejects(connection.applier.execute('INSERT INTO kids (id, parent_id) VALUES (99, 42)'));
      await connection.applier.execute('DELETE FROM parents WHERE id = 2');
      assert.deepStrictEqual(await select('kids', ['id'], 'id'), [{ id: 10 }, { id: 11 }]);
      await apply(op.dropForeignKey('kids', 'fk_kids_parent_id'));
      assert.deepStrictEqual(await select('kids', ['id', 'parent_id'], 'id'), childRows.slice(0, 2));
    },
  },
  {
    name: 'addForeignKey over rows pointing at missing parents fails with counts and samples, and changes nothing',
    requires: ['foreignKeys'],
    async run({ apply, insert, select, connection }) {
      await apply(parents, op.createTable({ name: 'kids', columns: [{ name: 'id', type: 'i32' }, { name: 'parent_id', type: 'i32', nullable: true }], primaryKey: ['id'] }));
      await insert('parents', parentRows);
      const kids = [{ id: 10, parent_id: 1 }, { id: 11, parent_id: 7 }, { id: 12, parent_id: null }, { id: 13, parent_id: 9 }];
      await insert('kids', kids);
      const before = await connection.introspect();
      await assert.rejects(
        connection.withLock(() => connection.transaction(() => connection.applier.apply(
          op.addForeignKey('kids', { name: 'fk_kids_parent_id', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'] }),
        ))),
        (err) => isTidemarkError(err, 'TM_PRECHECK_FAILED') && err.details.count === 2
          && JSON.stringify(err.details.samples).includes('"parent_id":7') && JSON.stringify(err.details.samples).includes('"parent_id":9'),
      );
      assert.deepStrictEqual(await connection.introspect(), before);
      assert.deepStrictEqual(await select('kids', ['id', 'parent_id'], 'id'), kids);
    },
  },
]);
