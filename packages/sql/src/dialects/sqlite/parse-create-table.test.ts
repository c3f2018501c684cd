import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { parseCreateTable } from './parse-create-table.js';
import { renderCreateTable } from './render-create-table.js';

describe('parseCreateTable', () => {
  it('reads constraint names, markers and enum checks from tricky names', () => {
    const sql = renderCreateTable({
      name: 'order "items" (x)', model: '',
      columns: [
        { name: 'id', type: 'i64', nullable: false, autoIncrement: true },
        { name: 'select', type: 'enum', nullable: true, values: ["it's", 'a, b', 'c)'] },
        { name: 'café', type: 'boolean', nullable: false, default: false },
        { name: 'parent id', type: 'i64', nullable: true },
      ],
      primaryKey: ['id'], indexes: [],
      foreignKeys: [{ name: 'fk, "odd" (name)', columns: ['parent id'], referencedTable: 'order "items" (x)', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'cascade' }],
    });
    const parsed = parseCreateTable(sql);
    assert.equal(parsed.name, 'order "items" (x)');
    assert.deepEqual(parsed.columns.map((c) => c.name), ['id', 'select', 'café', 'parent id']);
    assert.equal(parsed.columns[0]!.i64Marker, true);
    assert.equal(parsed.columns[0]!.autoIncrement, true);
    assert.equal(parsed.columns[0]!.primaryKey, true);
    assert.deepEqual(parsed.columns[1]!.enumValues, ["it's", 'a, b', 'c)']);
    assert.equal(parsed.columns[2]!.enumValues, undefined, 'a boolean CHECK is not an enum');
    assert.deepEqual(parsed.foreignKeys, [{
      name: 'fk, "odd" (name)', columns: ['parent id'], referencedTable: 'order "items" (x)', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'cascade',
    }]);
  });

  it('reads table-level keys and inline REFERENCES written by hand', () => {
    const parsed = parseCreateTable(`CREATE TABLE IF NOT EXISTS main.t (
      a int, b text references p(x) on delete cascade, [c d] integer,
      PRIMARY KEY (a, [c d]), FOREIGN KEY (a) REFERENCES q)`);
    assert.equal(parsed.name, 't');
    assert.deepEqual(parsed.primaryKey, ['a', 'c d']);
    assert.deepEqual(parsed.foreignKeys, [
      { columns: ['b'], referencedTable: 'p', referencedColumns: ['x'], onDelete: 'cascade' },
      { columns: ['a'], referencedTable: 'q', referencedColumns: [] },
    ]);
  });
});
