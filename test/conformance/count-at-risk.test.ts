// What the question before a destructive step counts, once for every backend: the rows of a
// table (a dropped table, a changed key) and the rows where a column holds a value (a dropped
// or narrowed column) — SQL COUNT(*), MongoDB's $count, DynamoDB's COUNT scan.
import assert from 'node:assert/strict';
import { op } from '@tidemark/core';
import { conformanceSuite } from './conformance.js';

await conformanceSuite('count at risk', [
  {
    name: 'counts the rows of a table, and the rows where a column holds a value',
    async run(db) {
      await db.apply(op.createTable({ name: 'notes', columns: [{ name: 'id', type: 'i32' }, { name: 'body', type: 'string', length: 40, nullable: true }], primaryKey: ['id'] }));
      const count = db.connection.applier.countAtRisk;
      assert.ok(count, 'every backend counts what a destructive step loses');
      const applier = db.connection.applier;
      assert.equal(await applier.countAtRisk!('notes'), 0);
      await db.insert('notes', [{ id: 1, body: 'a' }, { id: 2, body: null }, { id: 3, body: 'c' }, { id: 4, body: null }, { id: 5, body: 'e' }]);
      assert.equal(await applier.countAtRisk!('notes'), 5);
      assert.equal(await applier.countAtRisk!('notes', 'body'), 3);
      assert.equal(await applier.countAtRisk!('notes', 'id'), 5);
    },
  },
]);
