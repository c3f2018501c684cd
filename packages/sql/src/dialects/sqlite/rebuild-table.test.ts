import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { TableSnapshot } from '@tidemark/core';
import { rebuildTable, sameNameSources } from './rebuild-table.js';

const before: TableSnapshot = {
  name: 'my "t"', model: '',
  columns: [{ name: 'a', type: 'i32', nullable: false }, { name: 'b', type: 'text', nullable: true }],
  primaryKey: ['a'], indexes: [{ name: 'idx b', columns: ['b'], unique: false }], foreignKeys: [],
};

describe('rebuildTable', () => {
  it('creates, copies, drops, renames the new table and recreates indexes, in that order', () => {
    const after: TableSnapshot = { ...before, columns: [before.columns[0]!, { name: 'c', type: 'text', nullable: true }] };
    const sources = sameNameSources(before, after);
    assert.deepEqual([...sources], [['a', '"a"']]);
    assert.deepEqual(rebuildTable({ before, after, sources }), [
      'CREATE TABLE "_tidemark_new_my ""t""" (\n  "a" INTEGER NOT NULL,\n  "c" TEXT,\n  PRIMARY KEY ("a")\n)',
      'INSERT INTO "_tidemark_new_my ""t""" ("a") SELECT "a" FROM "my ""t"""',
      'DROP TABLE "my ""t"""',
      'ALTER TABLE "_tidemark_new_my ""t""" RENAME TO "my ""t"""',
      'CREATE INDEX "idx b" ON "my ""t""" ("b")',
    ]);
  });
});
