// The validator a table gets, read back: every portable type, nullable or not, with defaults,
// lengths, precision, enum values, a key, indexes and foreign keys, survives render → the
// listCollections / listIndexes replies → introspection unchanged.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { comparableSnapshot, op, PORTABLE_TYPES, type ColumnSpec, type TableSnapshot } from '@tidemark/core';
import { tableFromCollection } from '../introspect.js';
import { indexSpec, keyIndexSpec } from './index-spec.js';
import { columnSchema, createCommand, jsonSchemaFor } from './validator.js';
import { UUID_PATTERN } from './bson-types.js';

const everyType: ColumnSpec[] = PORTABLE_TYPES.flatMap((type, i): ColumnSpec[] => {
  const extra = type === 'string' ? { length: 80 } : type === 'decimal' ? { precision: 12, scale: 3 } : type === 'enum' ? { values: ['red', "it's"] } : {};
  const defaults: Record<string, ColumnSpec['default']> = {
    i32: 7, i64: 9007199254740, f64: 1.5, decimal: 2.25, string: 'x', text: 'long', boolean: true,
    uuid: '00000000-0000-0000-0000-000000000000', date: { fn: 'now' }, timestamp: { fn: 'now' }, enum: 'red',
  };
  return [
    { name: `c${i}_${type}`, type, nullable: i % 2 === 0, ...extra },
    { name: `d${i}_${type}`, type, nullable: i % 2 === 1, ...extra, ...(defaults[type] !== undefined ? { default: defaults[type] } : {}) },
  ];
});

/** Renders a table as createTable would, and reads it back as introspection does. */
function roundTrip(table: TableSnapshot): TableSnapshot {
  const create = createCommand(table);
  const { create: name, ...options } = create;
  const key = keyIndexSpec(table);
  const indexes = [{ v: 2, key: { _id: 1 }, name: '_id_' }, ...(key ? [key] : []), ...table.indexes.map((i) => indexSpec(table, i))];
  // what the driver gives back went through BSON: plain JSON is a fair stand-in for the shapes
  return tableFromCollection(JSON.parse(JSON.stringify({ name, options })), JSON.parse(JSON.stringify(indexes)));
}

const same = (a: TableSnapshot, b: TableSnapshot): void =>
  assert.deepStrictEqual(comparableSnapshot({ format: 'tidemark.snapshot', version: 1, tables: [a] }),
    comparableSnapshot({ format: 'tidemark.snapshot', version: 1, tables: [b] }, { uniqueIndexes: 'enforced' }));

describe('validator round trip', () => {
  it('every portable type, nullable or not, with defaults, comes back the same', () => {
    const table = op.createTable({ name: 'all_types', columns: [{ name: 'id', type: 'uuid' }, ...everyType], primaryKey: ['id'] }).table;
    same(roundTrip(table), table);
  });

  it('a string without a length, an enum without values and a decimal without precision come back the same', () => {
    const table = op.createTable({
      name: 'odd', primaryKey: ['k'],
      columns: [{ name: 'k', type: 'string' }, { name: 'e', type: 'enum', values: [] }, { name: 'd', type: 'decimal', nullable: true }, { name: 't', type: 'text', default: '' }],
    }).table;
    same(roundTrip(table), table);
  });

  it('a composite key, unique and plain indexes and foreign keys come back the same', () => {
    const table = op.createTable({
      name: 'nodes', primaryKey: ['tree', 'id'],
      columns: [{ name: 'tree', type: 'i32' }, { name: 'id', type: 'i32' }, { name: 'parent', type: 'i32', nullable: true }, { name: 'label', type: 'string', nullable: true }],
      indexes: [{ name: 'idx_nodes_label', columns: ['label'], unique: true }, { name: 'idx_nodes_tree_parent', columns: ['tree', 'parent'] }],
      foreignKeys: [{ name: 'fk_nodes_parent', columns: ['tree', 'parent'], referencedTable: 'nodes', referencedColumns: ['tree', 'id'], onDelete: 'cascade' }],
    }).table;
    same(roundTrip(table), table);
  });

  it('an array of every element type, with list defaults, comes back the same; a json column stays json', () => {
    const elements = ['i32', 'i64', 'f64', 'decimal', 'string', 'text', 'boolean', 'uuid', 'date', 'timestamp', 'enum'] as const;
    const table = op.createTable({
      name: 'lists', primaryKey: ['id'],
      columns: [{ name: 'id', type: 'uuid' }, { name: 'data', type: 'json', nullable: true }, ...elements.map((items, i): ColumnSpec => ({
        name: `a_${items}`, type: 'array', items, nullable: i % 2 === 0,
        ...(items === 'string' ? { length: 20, default: ['x', "it's"] } : items === 'decimal' ? { precision: 8, scale: 2, default: [1.5] } : items === 'enum' ? { values: ['red', 'blue'], default: ['red'] } : items === 'i32' ? { default: [] } : {}),
      }))],
    }).table;
    same(roundTrip(table), table);
    const { description: _, ...tags } = columnSchema(table.columns.find((c) => c.name === 'a_string')!);
    assert.deepStrictEqual(tags, { bsonType: ['array', 'null'], items: { bsonType: 'string', maxLength: 20 } });
    const { description: __, ...colors } = columnSchema(table.columns.find((c) => c.name === 'a_enum')!);
    assert.deepStrictEqual(colors, { bsonType: ['array', 'null'], items: { bsonType: 'string', enum: ['red', 'blue'] } });
  });

  it('odd names: quotes, spaces, reserved words, non-ASCII letters, a __proto__ column', () => {
    const table = op.createTable({
      name: 'ta "ble\' select', primaryKey: ['ключ'],
      columns: [{ name: 'ключ', type: 'string', length: 10 }, { name: 'order by', type: 'i32' }, { name: 'it\'s "x"', type: 'text', nullable: true }, { name: '__proto__', type: 'boolean' }],
      indexes: [{ name: 'idx "q"', columns: ['order by', 'it\'s "x"'], unique: true }],
    }).table;
    same(roundTrip(table), table);
    assert.ok(Object.hasOwn(jsonSchemaFor(table).properties as object, '__proto__'));
  });
});

describe('what the validator enforces', () => {
  it('maps each portable type to its BSON types, null only when nullable', () => {
    const schema = (spec: Omit<ColumnSpec, 'name'>) => { const { description: _, ...rest } = columnSchema({ name: 'c', nullable: false, ...spec }); return rest; };
    assert.deepStrictEqual(schema({ type: 'i32' }), { bsonType: 'int' });
    assert.deepStrictEqual(schema({ type: 'i64', nullable: true }), { bsonType: ['long', 'int', 'null'] });
    assert.deepStrictEqual(schema({ type: 'f64' }), { bsonType: ['double', 'int'] });
    assert.deepStrictEqual(schema({ type: 'decimal', precision: 5, scale: 2 }), { bsonType: 'decimal' });
    assert.deepStrictEqual(schema({ type: 'string', length: 40 }), { bsonType: 'string', maxLength: 40 });
    assert.deepStrictEqual(schema({ type: 'text' }), { bsonType: 'string' });
    assert.deepStrictEqual(schema({ type: 'boolean' }), { bsonType: 'bool' });
    assert.deepStrictEqual(schema({ type: 'uuid' }), { bsonType: 'string', pattern: UUID_PATTERN });
    assert.deepStrictEqual(schema({ type: 'timestamp' }), { bsonType: 'date' });
    assert.deepStrictEqual(schema({ type: 'json' }), { bsonType: ['object', 'array'] });
    assert.deepStrictEqual(schema({ type: 'bytes' }), { bsonType: 'binData' });
    assert.deepStrictEqual(schema({ type: 'enum', values: ['a', 'b'], nullable: true }), { bsonType: ['string', 'null'], enum: ['a', 'b', null] });
  });

  it('requires the NOT NULL columns, keeps metadata in descriptions, and validates strictly', () => {
    const table = op.createTable({
      name: 'users', primaryKey: ['id'],
      columns: [{ name: 'id', type: 'uuid' }, { name: 'bio', type: 'text', nullable: true }, { name: 'price', type: 'decimal', precision: 8, scale: 2, default: 1.5 }],
      foreignKeys: [],
    }).table;
    assert.deepStrictEqual(createCommand(table), {
      create: 'users',
      validator: {
        $jsonSchema: {
          bsonType: 'object',
          required: ['id', 'price'],
          properties: {
            id: { bsonType: 'string', pattern: UUID_PATTERN, description: 'tidemark:{"type":"uuid"}' },
            bio: { bsonType: ['string', 'null'], description: 'tidemark:{"type":"text"}' },
            price: { bsonType: 'decimal', description: 'tidemark:{"type":"decimal","default":1.5,"precision":8,"scale":2}' },
          },
          description: 'tidemark:{"foreignKeys":[]}',
        },
      },
      validationLevel: 'strict',
      validationAction: 'error',
    });
  });

  it('a unique index over nullable columns is partial on their types, as SQL lets NULLs repeat', () => {
    const table = op.createTable({
      name: 't', primaryKey: ['id'],
      columns: [{ name: 'id', type: 'uuid' }, { name: 'email', type: 'string', nullable: true }, { name: 'n', type: 'i64', nullable: true }, { name: 'org', type: 'uuid' }],
      indexes: [{ name: 'u1', columns: ['org', 'email', 'n'], unique: true }, { name: 'u2', columns: ['org'], unique: true }, { name: 'i3', columns: ['email'] }],
    }).table;
    const spec = (name: string) => indexSpec(table, table.indexes.find((i) => i.name === name)!);
    assert.deepStrictEqual(spec('u1'), { key: { org: 1, email: 1, n: 1 }, name: 'u1', unique: true, partialFilterExpression: { email: { $type: 'string' }, n: { $type: 'number' } } });
    assert.deepStrictEqual(spec('u2'), { key: { org: 1 }, name: 'u2', unique: true });
    assert.deepStrictEqual(spec('i3'), { key: { email: 1 }, name: 'i3' });
    assert.deepStrictEqual(keyIndexSpec(table), { key: { id: 1 }, name: '_tidemark_pk', unique: true });
  });
});

describe('reading validators Tidemark did not write', () => {
  it('a collection without a validator is a table without columns; its indexes still count', () => {
    const t = tableFromCollection({ name: 'legacy' }, [{ key: { _id: 1 }, name: '_id_' }, { key: { a: 1, b: -1 }, name: 'a_1_b_-1', unique: true }]);
    assert.deepStrictEqual(t, { name: 'legacy', model: '', columns: [], primaryKey: [], indexes: [{ name: 'a_1_b_-1', columns: ['a', 'b'], unique: true }], foreignKeys: [] });
  });

  it('the real BSON types win over metadata that disagrees; unknown descriptions are ignored', () => {
    const t = tableFromCollection({
      name: 'x',
      options: {
        validator: {
          $jsonSchema: {
            required: ['a', 'b'],
            properties: {
              a: { bsonType: 'int', description: 'tidemark:{"type":"text","default":3}' },
              b: { bsonType: ['string', 'null'], maxLength: 9, description: 'written by hand' },
              c: { bsonType: 'objectId' },
              d: { bsonType: 'date', description: 'tidemark:{not json' },
            },
          },
        },
      },
    }, []);
    assert.deepStrictEqual(t.columns, [
      { name: 'a', type: 'i32', nullable: false, default: 3 },
      { name: 'b', type: 'string', nullable: true, length: 9 },
      { name: 'c', type: 'json', nullable: true },
      { name: 'd', type: 'timestamp', nullable: true },
    ]);
  });
});

describe('array defaults and back-fills', () => {
  it('fill each element as its element type: a decimal list as Decimal128s, a date list as dates, the empty list as []', async () => {
    const { fillUpdate } = await import('./literal.js');
    assert.deepStrictEqual(fillUpdate({ name: 'p', type: 'array', items: 'decimal', nullable: false, precision: 8, scale: 2 }, [1.5, 2]),
      { $set: { p: [{ $numberDecimal: '1.5' }, { $numberDecimal: '2' }] } });
    assert.deepStrictEqual(fillUpdate({ name: 'd', type: 'array', items: 'date', nullable: false }, ['2024-01-02']),
      { $set: { d: [{ $date: '2024-01-02T00:00:00.000Z' }] } });
    assert.deepStrictEqual(fillUpdate({ name: 's', type: 'array', items: 'string', nullable: false }, []), { $set: { s: [] } });
  });
});
