import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { op, PORTABLE_TYPES, type ColumnSpec } from '@tidemark/core';
import { openTempDb, query, step, type TempDb } from './__fixtures__/harness.js';

let db: TempDb;

/** One column of every portable type, NOT NULL with a default, and nullable without. */
const COLUMNS: ColumnSpec[] = [
  { name: 'i32', type: 'i32', default: -7 },
  { name: 'i64', type: 'i64', default: 9007199254740991 },
  { name: 'f64', type: 'f64', default: 1.5 },
  { name: 'decimal', type: 'decimal', precision: 12, scale: 3, default: 0 },
  { name: 'decimal_str', type: 'decimal', precision: 5, scale: 2, default: '9.99' },
  { name: 'string', type: 'string', length: 40, default: "it's" },
  { name: 'text', type: 'text', default: '' },
  { name: 'boolean', type: 'boolean', default: false },
  { name: 'uuid', type: 'uuid', default: '00000000-0000-0000-0000-000000000000' },
  { name: 'date', type: 'date', default: { fn: 'now' } },
  { name: 'timestamp', type: 'timestamp', default: { fn: 'now' } },
  { name: 'json', type: 'json', default: '{}' },
  { name: 'bytes', type: 'bytes', default: '' },
  { name: 'enum', type: 'enum', values: ['a', 'b c', "d'e"], default: 'b c' },
];

describe('every portable type round-trips through SQLite', () => {
  beforeEach(async () => { db = await openTempDb(); });
  afterEach(async () => db.cleanup());

  it('covers every type in PORTABLE_TYPES', () => {
    assert.deepEqual([...new Set(COLUMNS.map((c) => c.type))].sort(), [...PORTABLE_TYPES].sort());
  });

  it('NOT NULL with defaults, and nullable without', async () => {
    const nullable = COLUMNS.map(({ default: _d, ...c }) => ({ ...c, name: `${c.name}_null`, nullable: true }));
    await step(db, op.createTable({ name: 'all_types', columns: [{ name: 'id', type: 'i64', autoIncrement: true }, ...COLUMNS, ...nullable], primaryKey: ['id'] }));
    await db.conn.applier.execute('INSERT INTO all_types DEFAULT VALUES');
    const [row] = await query(db, 'SELECT * FROM all_types');
    assert.equal(row!.boolean, 0);
    assert.equal(row!.enum, 'b c');
    assert.match(String(row!.date), /^\d{4}-\d\d-\d\d$/);
    assert.equal(row!.i32_null, null);
  });

  it('strings, decimals and enums without length, precision or values', async () => {
    await step(db, op.createTable({
      name: 'bare', primaryKey: [],
      columns: [{ name: 's', type: 'string' }, { name: 'd', type: 'decimal' }, { name: 'p', type: 'decimal', precision: 6 }, { name: 'e', type: 'enum', values: [] }],
    }));
  });

  it('auto-increment keys of both integer types', async () => {
    await step(db, op.createTable({ name: 'a32', columns: [{ name: 'id', type: 'i32', autoIncrement: true }], primaryKey: ['id'] }));
    await step(db, op.createTable({ name: 'a64', columns: [{ name: 'id', type: 'i64', autoIncrement: true }], primaryKey: ['id'] }));
    await step(db, op.createTable({ name: 'plain', columns: [{ name: 'id', type: 'i32' }], primaryKey: ['id'] }));
  });

  it('enforces boolean 0/1 and enum values with CHECKs', async () => {
    await step(db, op.createTable({ name: 'c', primaryKey: [], columns: [{ name: 'b', type: 'boolean', nullable: true }, { name: 'e', type: 'enum', values: ['x'], nullable: true }] }));
    await assert.rejects(db.conn.applier.execute('INSERT INTO c (b) VALUES (2)'), { code: 'TM_BACKEND_ERROR' });
    await assert.rejects(db.conn.applier.execute("INSERT INTO c (e) VALUES ('y')"), { code: 'TM_BACKEND_ERROR' });
    await db.conn.applier.execute("INSERT INTO c (b, e) VALUES (1, 'x')");
  });
});
