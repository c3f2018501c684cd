import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { applyOperations, emptySnapshot, op, utf8Length } from '@tidemark/core';
import { enumCheckName, primaryKeyName } from './constraint-names.js';
import { renderOperation } from './render-operation.js';
import { shortenSnapshot, shortName } from './shorten.js';

const table = `t_${'very_long_table_name_'.repeat(3)}end`; // 69 bytes
const column = `c_${'a_very_long_column_name_'.repeat(3)}end`; // 77 bytes
const index = `idx_${table}_${column}`;

describe('identifier shortening', () => {
  it('keeps names up to 63 bytes and shortens longer ones to exactly 63, the same every time', () => {
    assert.equal(shortName('users'), 'users');
    assert.equal(shortName('x'.repeat(63)), 'x'.repeat(63));
    const short = shortName(index);
    assert.equal(utf8Length(short), 63);
    assert.equal(shortName(index), short);
    assert.equal(shortName(short), short, 'idempotent');
    assert.notEqual(shortName(`${index}_a`), shortName(`${index}_b`), 'long names sharing a prefix stay distinct');
    // multi-byte letters are never cut in half
    assert.ok(utf8Length(shortName('é'.repeat(40))) <= 63);
  });

  it('every statement names the shortened table, columns, index, key and CHECK', () => {
    const create = op.createTable({
      name: table, primaryKey: ['id'],
      columns: [{ name: 'id', type: 'i32' }, { name: column, type: 'enum', values: ['a'] }],
      indexes: [{ name: index, columns: [column] }],
    });
    const [ddl, idx] = renderOperation(create, emptySnapshot());
    const [t, c, i] = [shortName(table), shortName(column), shortName(index)];
    assert.ok(ddl!.startsWith(`CREATE TABLE "${t}" (`));
    assert.match(ddl!, new RegExp(`"${c}" text NOT NULL`));
    assert.ok(ddl!.includes(`CONSTRAINT "${primaryKeyName(t)}" PRIMARY KEY ("id")`));
    assert.ok(ddl!.includes(`CONSTRAINT "${enumCheckName(t, c)}" CHECK ("${c}" IN ('a'))`));
    assert.equal(idx, `CREATE INDEX "${i}" ON "${t}" ("${c}")`);
    assert.equal(utf8Length(primaryKeyName(t)), 63);
  });

  it('renders against a schema written with long names or read back shortened alike', () => {
    const written = applyOperations(emptySnapshot(), [op.createTable({
      name: table, primaryKey: ['id'], columns: [{ name: 'id', type: 'i32' }, { name: column, type: 'i32' }], indexes: [{ name: index, columns: [column] }],
    })]);
    const drop = op.dropIndex(table, index);
    assert.deepEqual(renderOperation(drop, written), [`DROP INDEX "${shortName(index)}"`]);
    assert.deepEqual(renderOperation(drop, shortenSnapshot(written)), renderOperation(drop, written));
    assert.equal(shortenSnapshot(written).tables[0]!.name, shortName(table));
  });
});
