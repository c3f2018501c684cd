import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { ColumnSnapshot, SchemaSnapshot } from '../snapshot/schema-snapshot.js';
import { classifyOperation, isNarrowing } from './classify-operation.js';
import { op } from './op.js';

function schemaWith(column: ColumnSnapshot): SchemaSnapshot {
  return {
    format: 'tidemark.snapshot',
    version: 2,
    tables: [{
      name: 't', model: 'T',
      columns: [{ name: 'id', type: 'i32', nullable: false }, { name: 'k2', type: 'i32', nullable: false }, column],
      primaryKey: ['id', 'k2'], indexes: [], foreignKeys: [],
    }],
  };
}

const col = (c: Omit<ColumnSnapshot, 'name' | 'nullable'> & { nullable?: boolean }): ColumnSnapshot => ({ name: 'c', nullable: false, ...c });

/** The warning codes of altering column `c` from `from` to `to`. */
function alterCodes(from: ColumnSnapshot, to: ColumnSnapshot): string[] {
  return classifyOperation({ kind: 'alterColumn', table: 't', column: 'c', to }, schemaWith(from)).map((w) => w.code);
}

describe('classifyOperation: drops', () => {
  const s = schemaWith(col({ type: 'text' }));

  test('dropTable is TM_W_DROP_TABLE', () => {
    const ws = classifyOperation(op.dropTable('t'), s);
    assert.deepEqual(ws.map((w) => w.code), ['TM_W_DROP_TABLE']);
    assert.match(ws[0]!.message, /\bt\b/);
  });

  test('dropColumn is TM_W_DROP_COLUMN naming table.column', () => {
    const ws = classifyOperation(op.dropColumn('t', 'c'), s);
    assert.deepEqual(ws.map((w) => w.code), ['TM_W_DROP_COLUMN']);
    assert.match(ws[0]!.message, /t\.c/);
  });

  test('alterPrimaryKey removing a key column is TM_W_DROP_KEY', () => {
    const ws = classifyOperation(op.alterPrimaryKey('t', ['id']), s);
    assert.deepEqual(ws.map((w) => w.code), ['TM_W_DROP_KEY']);
    assert.match(ws[0]!.message, /k2/);
    assert.deepEqual(classifyOperation(op.alterPrimaryKey('t', ['c']), s).map((w) => w.code), ['TM_W_DROP_KEY']);
  });

  test('alterPrimaryKey that keeps every key column is not flagged', () => {
    assert.deepEqual(classifyOperation(op.alterPrimaryKey('t', ['id', 'k2', 'c']), s), []);
    assert.deepEqual(classifyOperation(op.alterPrimaryKey('t', ['k2', 'id']), s), []);
  });

  test('non-destructive operations are not flagged', () => {
    const ops = [
      op.createTable({ name: 'u', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }),
      op.renameTable('t', 'u'),
      op.addColumn('t', { name: 'd', type: 'i32', nullable: true }),
      op.renameColumn('t', 'c', 'd'),
      op.createIndex('t', { name: 'i', columns: ['c'] }),
      op.dropIndex('t', 'i'),
      op.addForeignKey('t', { name: 'f', columns: ['id'], referencedTable: 't', referencedColumns: ['id'] }),
      op.dropForeignKey('t', 'f'),
      op.execute('select 1'),
    ];
    for (const o of ops) assert.deepEqual(classifyOperation(o, s), [], o.kind);
  });
});

describe('classifyOperation: narrowing type changes are TM_W_NARROW_TYPE', () => {
  const narrowings: [string, ColumnSnapshot, ColumnSnapshot][] = [
    ['shorter string', col({ type: 'string', length: 255 }), col({ type: 'string', length: 40 })],
    ['shorter than the default length', col({ type: 'string' }), col({ type: 'string', length: 100 })],
    ['fewer enum values', col({ type: 'enum', values: ['a', 'b', 'c'] }), col({ type: 'enum', values: ['a', 'b'] })],
    ['a replaced enum value', col({ type: 'enum', values: ['a', 'b'] }), col({ type: 'enum', values: ['a', 'c'] })],
    ['smaller decimal precision', col({ type: 'decimal', precision: 12, scale: 2 }), col({ type: 'decimal', precision: 10, scale: 2 })],
    ['smaller decimal scale', col({ type: 'decimal', precision: 10, scale: 4 }), col({ type: 'decimal', precision: 10, scale: 2 })],
    ['fewer integer digits', col({ type: 'decimal', precision: 10, scale: 2 }), col({ type: 'decimal', precision: 10, scale: 4 })],
    ['i64 → i32', col({ type: 'i64' }), col({ type: 'i32' })],
    ['text → i32', col({ type: 'text' }), col({ type: 'i32' })],
    ['text → string', col({ type: 'text' }), col({ type: 'string', length: 255 })],
    ['f64 → i32', col({ type: 'f64' }), col({ type: 'i32' })],
    ['decimal → f64', col({ type: 'decimal', precision: 10, scale: 2 }), col({ type: 'f64' })],
    ['timestamp → date', col({ type: 'timestamp' }), col({ type: 'date' })],
    ['string → enum', col({ type: 'string' }), col({ type: 'enum', values: ['a'] })],
    ['string → uuid', col({ type: 'string' }), col({ type: 'uuid' })],
    ['json → i32', col({ type: 'json' }), col({ type: 'i32' })],
    ['uuid → string(20)', col({ type: 'uuid' }), col({ type: 'string', length: 20 })],
    ['enum → a string too short for its values', col({ type: 'enum', values: ['short', 'much_longer_value'] }), col({ type: 'string', length: 5 })],
  ];
  for (const [name, from, to] of narrowings) {
    test(name, () => {
      assert.deepEqual(alterCodes(from, to), ['TM_W_NARROW_TYPE']);
      assert.equal(isNarrowing(from, to), true);
    });
  }

  test('the message names the column and both types', () => {
    const [w] = classifyOperation({ kind: 'alterColumn', table: 't', column: 'c', to: col({ type: 'string', length: 40 }) }, schemaWith(col({ type: 'string', length: 255 })));
    assert.ok(w);
    assert.match(w.message, /t\.c/);
    assert.match(w.message, /string\(255\)/);
    assert.match(w.message, /string\(40\)/);
  });
});

describe('classifyOperation: widenings and other safe changes are not flagged', () => {
  const widenings: [string, ColumnSnapshot, ColumnSnapshot][] = [
    ['i32 → i64', col({ type: 'i32' }), col({ type: 'i64' })],
    ['i32 → f64', col({ type: 'i32' }), col({ type: 'f64' })],
    ['i64 → decimal', col({ type: 'i64' }), col({ type: 'decimal', precision: 20, scale: 0 })],
    ['string → text', col({ type: 'string', length: 100 }), col({ type: 'text' })],
    ['longer string', col({ type: 'string', length: 40 }), col({ type: 'string', length: 255 })],
    ['same string length, implicit vs explicit', col({ type: 'string' }), col({ type: 'string', length: 255 })],
    ['more enum values', col({ type: 'enum', values: ['a', 'b'] }), col({ type: 'enum', values: ['a', 'b', 'c'] })],
    ['reordered enum values', col({ type: 'enum', values: ['a', 'b'] }), col({ type: 'enum', values: ['b', 'a'] })],
    ['larger decimal', col({ type: 'decimal', precision: 10, scale: 2 }), col({ type: 'decimal', precision: 12, scale: 4 })],
    ['nullable false → true', col({ type: 'i32', nullable: false }), col({ type: 'i32', nullable: true })],
    ['nullable true → false (a data precheck, not a type change)', col({ type: 'i32', nullable: true }), col({ type: 'i32', nullable: false })],
    ['a new default', col({ type: 'i32' }), col({ type: 'i32', default: 3 })],
    ['date → timestamp', col({ type: 'date' }), col({ type: 'timestamp' })],
    ['uuid → text', col({ type: 'uuid' }), col({ type: 'text' })],
    ['uuid → string(36)', col({ type: 'uuid' }), col({ type: 'string', length: 36 })],
    ['enum → string long enough', col({ type: 'enum', values: ['admin', 'member'] }), col({ type: 'string', length: 6 })],
    ['enum → text', col({ type: 'enum', values: ['a'] }), col({ type: 'text' })],
    ['boolean → i32', col({ type: 'boolean' }), col({ type: 'i32' })],
    ['same type, same everything', col({ type: 'json' }), col({ type: 'json' })],
  ];
  for (const [name, from, to] of widenings) {
    test(name, () => {
      assert.deepEqual(alterCodes(from, to), []);
      assert.equal(isNarrowing(from, to), false);
    });
  }
});
