import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import {
  applyOperations, comparableSnapshot, emptySnapshot, op, PORTABLE_TYPES,
  type ColumnSpec, type PortableType, type SchemaOperation, type SchemaSnapshot,
} from '@tidemark/core';
import { openTempDb, SKIP, step, type TempDb } from './__fixtures__/live-db.js';
import { capabilities } from './capabilities.js';

const SHAPE: Partial<Record<PortableType, Partial<ColumnSpec>>> = {
  string: { length: 80 }, decimal: { precision: 20, scale: 3 }, enum: { values: ['a', "it's", 'true', '12'] },
};

/** Literal defaults PostgreSQL would spell its own way if Tidemark let it (case, zone, spacing, hex). */
const DEFAULTS: Record<PortableType, ColumnSpec['default'][]> = {
  i32: [-7, 2147483647], i64: [9007199254740991, -9007199254740991], f64: [1e300, -0.5, 1.5], decimal: [123456789.125, -0.001, 0],
  string: [`it's "q" \\ back`, ''], text: ['two\nlines\ttab', '12'], boolean: [false, true],
  uuid: ['A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '00000000-0000-0000-0000-000000000000'],
  date: ['2024-02-29', { fn: 'now' }], timestamp: ['2024-02-29T13:14:15.250Z', '1970-01-01 00:00:00', { fn: 'now' }],
  json: ['{"b": [1, 2], "a":null}', '"x"'], bytes: ['b5', '\\x00ff'], enum: ["it's", '12'],
};

let db: TempDb;
let state: SchemaSnapshot;

/** Applies operations as one migration and checks the live schema equals the model's. */
async function apply(...operations: SchemaOperation[]): Promise<void> {
  await step(db, ...operations);
  state = applyOperations(state, operations);
  assert.deepStrictEqual(comparableSnapshot(await db.conn.introspect()), comparableSnapshot(state, capabilities));
}

describe('every portable type round-trips on PostgreSQL', { skip: Boolean(SKIP) }, () => {
  beforeEach(async () => { db = await openTempDb(); state = emptySnapshot(); });
  afterEach(async () => db.cleanup());

  it('with every kind of literal default: created, added, altered and read back exactly', async () => {
    const columns: ColumnSpec[] = PORTABLE_TYPES.flatMap((type) => DEFAULTS[type].map((d, i): ColumnSpec => ({ name: `${type}_${i}`, type, ...SHAPE[type], default: d })));
    await apply(op.createTable({ name: 'defaults', columns: [{ name: 'id', type: 'i64', autoIncrement: true }, ...columns], primaryKey: ['id'] }));
    await db.conn.applier.execute('INSERT INTO defaults DEFAULT VALUES');
    await apply(op.createTable({ name: 'later', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }));
    await db.conn.applier.execute('INSERT INTO later VALUES (1)');
    await apply(...columns.map((c) => op.addColumn('later', { ...c, name: `x_${c.name}` })));
    // a new default of the same type replaces the old one; the first default moves to the second column
    await apply(...PORTABLE_TYPES.filter((t) => DEFAULTS[t].length > 1).map((type) => op.alterColumn('defaults', `${type}_1`, { type, ...SHAPE[type], default: DEFAULTS[type][0] })));
    // the defaults PostgreSQL stored are the values the model wrote
    const [row] = await db.sql(`SELECT i64_0::text, decimal_0::text, uuid_0::text, date_0::text, json_0::text, encode(bytes_1, 'escape') AS bytes_1 FROM defaults`);
    assert.deepEqual(row, { i64_0: '9007199254740991', decimal_0: '123456789.125', uuid_0: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', date_0: '2024-02-29', json_0: '{"a": null, "b": [1, 2]}', bytes_1: '\\000\\377' });
  });

  it('every type converts into every other on an empty table, in place', async () => {
    for (const to of PORTABLE_TYPES) {
      const sources = PORTABLE_TYPES.filter((t) => t !== to);
      const table = `to_${to}`;
      await apply(op.createTable({
        name: table, primaryKey: ['id'],
        columns: [{ name: 'id', type: 'i32' }, ...sources.map((from): ColumnSpec => ({ name: from, type: from, nullable: true, ...SHAPE[from], ...(DEFAULTS[from][0] !== undefined && from !== 'json' ? { default: DEFAULTS[from][0] } : {}) }))],
      }));
      await apply(...sources.map((from) => op.alterColumn(table, from, { type: to, nullable: true, ...SHAPE[to] })));
      // and back again, as a rollback does
      await apply(...sources.map((from) => op.alterColumn(table, from, { type: from, nullable: true, ...SHAPE[from] })));
      await apply(op.dropTable(table));
    }
  });

  /**
   * [from, value written (SQL), to, value read (as text)]. Text becomes an integer only when
   * written as one (core's narrowing rule refuses ' 12 ' and '1e3': test/conformance/prechecks.test.ts).
   */
  const CONVERSIONS: [PortableType, string, PortableType, string][] = [
    ['text', "'12'", 'i32', '12'], ['text', "'-1000'", 'i64', '-1000'], ['text', "' 1e3 '", 'f64', '1000'], ['text', "'4.5'", 'f64', '4.5'], ['text', "'4.5'", 'decimal', '4.500'],
    ['f64', '2', 'i32', '2'], ['decimal', '3', 'i64', '3'], ['i64', '9007199254740993', 'decimal', '9007199254740993.000'],
    ['i32', '0', 'boolean', 'false'], ['decimal', '-2.5', 'boolean', 'true'], ['boolean', 'true', 'i64', '1'], ['boolean', 'false', 'decimal', '0.000'],
    ['text', "'YES'", 'boolean', 'true'], ['string', "'f'", 'boolean', 'false'], ['boolean', 'true', 'text', 'true'], ['boolean', 'true', 'enum', 'true'],
    ['i32', '12', 'enum', '12'], ['f64', '1.5', 'string', '1.5'],
    ['json', `'{"a":1}'`, 'text', '{"a": 1}'], ['json', `'"x"'`, 'string', 'x'], ['json', "'5'", 'i32', '5'], ['json', "'true'", 'boolean', 'true'],
    ['text', `'{"a":1}'`, 'json', '{"a": 1}'], ['i32', '5', 'json', '5'], ['boolean', 'true', 'json', 'true'], ['uuid', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", 'json', '"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"'],
    ['text', "'b5 é'", 'bytes', '\\x623520c3a9'], ['bytes', "'b5'", 'string', 'b5'], ['bytes', `'{"n":1}'`, 'json', '"{\\"n\\":1}"'], ['json', "'5'", 'bytes', '\\x35'],
    ['string', "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'", 'uuid', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'], ['uuid', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", 'text', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ['text', "'2024-02-29'", 'date', '2024-02-29'], ['date', "'2024-02-29'", 'text', '2024-02-29'], ['date', "'2024-02-29'", 'timestamp', '2024-02-29 00:00:00+00'],
    ['timestamp', "'2024-02-29 13:14:15+00'", 'date', '2024-02-29'], ['text', "'2024-02-29T13:14:15Z'", 'timestamp', '2024-02-29 13:14:15+00'],
    ['enum', "'it''s'", 'text', "it's"], ['text', "'12'", 'enum', '12'],
  ];

  it('values convert to what they mean in the new type', async () => {
    const columns = CONVERSIONS.map(([from], i): ColumnSpec => ({ name: `c${i}`, type: from, nullable: true, ...SHAPE[from] }));
    await apply(op.createTable({ name: 'values', columns: [{ name: 'id', type: 'i32' }, ...columns], primaryKey: ['id'] }));
    await db.conn.applier.execute(`INSERT INTO "values" VALUES (1, ${CONVERSIONS.map(([, v]) => v).join(', ')})`);
    await apply(...CONVERSIONS.map(([, , to], i) => op.alterColumn('values', `c${i}`, { type: to, nullable: true, ...SHAPE[to] })));
    const [row] = await db.conn.applier.execute(`SELECT ${CONVERSIONS.map((_, i) => `c${i}::text`).join(', ')} FROM "values"`) as Record<string, string>[];
    for (const [i, [from, written, to, read]] of CONVERSIONS.entries()) assert.equal(row![`c${i}`], read, `${from} ${written} → ${to}`);
  });
});
