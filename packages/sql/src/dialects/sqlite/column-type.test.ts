import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { ColumnSnapshot } from '@tidemark/core';
import { parseDeclaredType, renderColumnType } from './column-type.js';

const col = (c: Partial<ColumnSnapshot> & Pick<ColumnSnapshot, 'type'>): ColumnSnapshot => ({ name: 'c', nullable: false, ...c });

describe('renderColumnType', () => {
  it('follows the README type table', () => {
    const cases: [ColumnSnapshot, string][] = [
      [col({ type: 'i32' }), 'INTEGER'],
      [col({ type: 'i64' }), 'BIGINT'],
      [col({ type: 'i64', autoIncrement: true }), 'INTEGER /* tidemark:i64 */'],
      [col({ type: 'f64' }), 'REAL'],
      [col({ type: 'decimal', precision: 10, scale: 2 }), 'NUMERIC(10,2)'],
      [col({ type: 'decimal', precision: 8 }), 'NUMERIC(8)'],
      [col({ type: 'decimal' }), 'NUMERIC'],
      [col({ type: 'string', length: 40 }), 'VARCHAR(40)'],
      [col({ type: 'string' }), 'VARCHAR'],
      [col({ type: 'text' }), 'TEXT'],
      [col({ type: 'boolean' }), 'BOOLEAN'],
      [col({ type: 'uuid' }), 'UUID'],
      [col({ type: 'date' }), 'DATE'],
      [col({ type: 'timestamp' }), 'TIMESTAMP'],
      [col({ type: 'json' }), 'JSON'],
      [col({ type: 'bytes' }), 'BLOB'],
      [col({ type: 'enum', values: ['a'] }), 'TEXT'],
    ];
    for (const [c, sql] of cases) assert.equal(renderColumnType(c), sql, c.type);
  });
});

describe('parseDeclaredType', () => {
  it('reads back what renderColumnType writes', () => {
    assert.deepEqual(parseDeclaredType('INTEGER'), { type: 'i32' });
    assert.deepEqual(parseDeclaredType('INTEGER', { i64Marker: true }), { type: 'i64' });
    assert.deepEqual(parseDeclaredType('BIGINT'), { type: 'i64' });
    assert.deepEqual(parseDeclaredType('NUMERIC(10,2)'), { type: 'decimal', precision: 10, scale: 2 });
    assert.deepEqual(parseDeclaredType('NUMERIC( 8 )'), { type: 'decimal', precision: 8 });
    assert.deepEqual(parseDeclaredType('VARCHAR(40)'), { type: 'string', length: 40 });
    assert.deepEqual(parseDeclaredType('TEXT', { enumValues: ['a'] }), { type: 'enum' });
    assert.deepEqual(parseDeclaredType('TEXT'), { type: 'text' });
    assert.deepEqual(parseDeclaredType('BLOB'), { type: 'bytes' });
  });

  it('falls back on SQLite affinity for types Tidemark did not write', () => {
    assert.deepEqual(parseDeclaredType('varchar(20)'), { type: 'string', length: 20 });
    assert.deepEqual(parseDeclaredType('UNSIGNED BIG INT'), { type: 'i64' });
    assert.deepEqual(parseDeclaredType('NATIVE CHARACTER(70)'), { type: 'text' });
    assert.deepEqual(parseDeclaredType(''), { type: 'bytes' });
    assert.deepEqual(parseDeclaredType('DOUBLE PRECISION'), { type: 'f64' });
  });
});
