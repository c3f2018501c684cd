import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { PORTABLE_TYPES, type ColumnSnapshot } from '@tidemark/core';
import { renderColumnType, sizeMarker } from '@tidemark/sql/mysql';
import { parseColumnType, parseEnumValues, type ColumnTypeRow } from './column-type.js';

/** What information_schema says of a column created with `renderColumnType` (on either server). */
function describeAsServer(column: ColumnSnapshot, flavor: 'mysql' | 'mariadb'): { row: ColumnTypeRow; json: boolean } {
  const rendered = renderColumnType(column).toLowerCase();
  const m = /^(\w+)(?:\((.*)\))?$/.exec(rendered)!;
  let dataType = m[1]!;
  const args = (m[2] ?? '').split(',').map(Number);
  let json = false;
  if (dataType === 'json' && flavor === 'mariadb') { dataType = 'longtext'; json = true; }
  const columnType = flavor === 'mariadb' && dataType === 'int' ? 'int(11)' : dataType === 'enum' ? rendered : rendered;
  return {
    row: {
      dataType, columnType,
      charLength: dataType === 'varchar' || dataType === 'char' ? args[0]! : null,
      precision: dataType === 'decimal' ? args[0]! : null,
      scale: dataType === 'decimal' ? args[1]! : null,
      comment: sizeMarker(column) ?? '',
    },
    json,
  };
}

describe('parseColumnType is the inverse of renderColumnType', () => {
  const columns: ColumnSnapshot[] = [
    ...PORTABLE_TYPES.map((type): ColumnSnapshot => ({
      name: 'c', type, nullable: false,
      ...(type === 'string' ? { length: 80 } : type === 'decimal' ? { precision: 12, scale: 3 } : type === 'enum' ? { values: ['red', "it's", 'a,b'] } : {}),
    })),
    { name: 'c', type: 'string', nullable: false },
    { name: 'c', type: 'decimal', nullable: false },
    { name: 'c', type: 'decimal', nullable: false, precision: 7 },
  ];
  for (const flavor of ['mysql', 'mariadb'] as const) {
    for (const column of columns) {
      it(`${column.type} ${JSON.stringify({ length: column.length, precision: column.precision, scale: column.scale })} on ${flavor}`, () => {
        const { row, json } = describeAsServer(column, flavor);
        const { name: _n, nullable: _x, ...expected } = column;
        assert.deepStrictEqual({ ...parseColumnType(row, json) }, expected);
      });
    }
  }

  it('reads enum values with either escape, and types Tidemark never writes as the nearest portable one', () => {
    assert.deepEqual(parseEnumValues("enum('a','it''s','b\\'c','x,y')"), ['a', "it's", "b'c", 'x,y']);
    const row = (dataType: string, columnType = dataType): ColumnTypeRow => ({ dataType, columnType, charLength: null, precision: null, scale: null, comment: '' });
    assert.equal(parseColumnType(row('smallint', 'smallint(6)')).type, 'i32');
    assert.equal(parseColumnType(row('tinyint', 'tinyint(4)')).type, 'i32');
    assert.equal(parseColumnType(row('int', 'int(10) unsigned')).type, 'i64');
    assert.equal(parseColumnType(row('float')).type, 'f64');
    assert.equal(parseColumnType(row('mediumtext')).type, 'text');
    assert.equal(parseColumnType(row('varbinary', 'varbinary(16)')).type, 'bytes');
    assert.equal(parseColumnType(row('timestamp')).type, 'timestamp');
  });
});
