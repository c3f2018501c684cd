import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'vitest';
import { checksumMigration, hashSnapshot, normalizeLineEndings, serializeSnapshot } from './canonical-json.js';
import { parseSnapshot } from './parse-snapshot.js';
import type { SchemaSnapshot } from './schema-snapshot.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A snapshot whose tables, indexes and foreign keys are out of order and whose keys are in no particular order. */
function messy(): SchemaSnapshot {
  return {
    version: 2,
    tables: [
      {
        foreignKeys: [
          { onUpdate: 'no action', onDelete: 'cascade', referencedColumns: ['id'], referencedTable: 'users', columns: ['author_id'], name: 'fk_posts_author_id' },
          { name: 'fk_posts_editor_id', columns: ['editor_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'no action' },
        ],
        indexes: [
          { unique: false, columns: ['editor_id'], name: 'idx_posts_editor_id' },
          { name: 'idx_posts_author_id', columns: ['author_id'], unique: false },
        ],
        primaryKey: ['id'],
        columns: [
          { nullable: false, type: 'i32', name: 'id', autoIncrement: true },
          { type: 'i32', name: 'author_id', nullable: false },
          { name: 'editor_id', nullable: true, type: 'i32' },
        ],
        model: 'Post',
        name: 'posts',
      },
      {
        name: 'users',
        model: 'User',
        columns: [
          { values: ['a', 'b'], default: 'a', nullable: false, type: 'enum', name: 'role' },
          { name: 'id', type: 'i32', nullable: false },
        ],
        primaryKey: ['id'],
        indexes: [],
        foreignKeys: [],
      },
    ],
    format: 'tidemark.snapshot',
  } as SchemaSnapshot;
}

/** The same schema, tables and indexes shuffled the other way, keys in canonical order. */
function tidy(): SchemaSnapshot {
  return {
    format: 'tidemark.snapshot',
    version: 2,
    tables: [
      {
        name: 'users',
        model: 'User',
        columns: [
          { name: 'role', type: 'enum', nullable: false, default: 'a', values: ['a', 'b'] },
          { name: 'id', type: 'i32', nullable: false },
        ],
        primaryKey: ['id'],
        indexes: [],
        foreignKeys: [],
      },
      {
        name: 'posts',
        model: 'Post',
        columns: [
          { name: 'id', type: 'i32', nullable: false, autoIncrement: true },
          { name: 'author_id', type: 'i32', nullable: false },
          { name: 'editor_id', type: 'i32', nullable: true },
        ],
        primaryKey: ['id'],
        indexes: [
          { name: 'idx_posts_author_id', columns: ['author_id'], unique: false },
          { name: 'idx_posts_editor_id', columns: ['editor_id'], unique: false },
        ],
        foreignKeys: [
          { name: 'fk_posts_editor_id', columns: ['editor_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'set null', onUpdate: 'no action' },
          { name: 'fk_posts_author_id', columns: ['author_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' },
        ],
      },
    ],
  };
}

const SMALL: SchemaSnapshot = {
  format: 'tidemark.snapshot',
  version: 2,
  tables: [{
    name: 't',
    model: 'T',
    columns: [{ name: 'id', type: 'string', nullable: false, length: 36, default: 'x' }],
    primaryKey: ['id'],
    indexes: [],
    foreignKeys: [],
  }],
};

describe('serializeSnapshot', () => {
  test('writes canonical JSON: fixed key order, 2-space indent, trailing newline', () => {
    const expected = [
      '{',
      '  "format": "tidemark.snapshot",',
      '  "version": 2,',
      '  "tables": [',
      '    {',
      '      "name": "t",',
      '      "model": "T",',
      '      "columns": [',
      '        {',
      '          "name": "id",',
      '          "type": "string",',
      '          "nullable": false,',
      '          "default": "x",',
      '          "length": 36',
      '        }',
      '      ],',
      '      "primaryKey": [',
      '        "id"',
      '      ],',
      '      "indexes": [],',
      '      "foreignKeys": []',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
    assert.equal(serializeSnapshot(SMALL), expected);
  });

  test('is byte-stable: shuffled tables, indexes, foreign keys and key order give identical text', () => {
    const a = serializeSnapshot(messy());
    const b = serializeSnapshot(tidy());
    assert.equal(a, b);
    assert.ok(a.endsWith('}\n'));
    assert.ok(a.indexOf('"posts"') < a.indexOf('"users"'), 'tables sorted by name');
    assert.ok(a.indexOf('idx_posts_author_id') < a.indexOf('idx_posts_editor_id'), 'indexes sorted by name');
    assert.ok(a.indexOf('fk_posts_author_id') < a.indexOf('fk_posts_editor_id'), 'foreign keys sorted by name');
    const users = (JSON.parse(a) as SchemaSnapshot).tables[1]!;
    assert.deepEqual(users.columns.map((c) => c.name), ['role', 'id'], 'columns keep declaration order');
  });

  test('drops undefined fields and a false autoIncrement', () => {
    const s = structuredClone(SMALL) as any;
    s.tables[0].columns[0].precision = undefined;
    s.tables[0].columns[0].autoIncrement = false;
    assert.equal(serializeSnapshot(s), serializeSnapshot(SMALL));
  });

  test('round-trips through parseSnapshot', () => {
    const text = serializeSnapshot(messy());
    assert.equal(serializeSnapshot(parseSnapshot(text)), text);
  });
});

describe('hashSnapshot', () => {
  test('is sha256 of the compact canonical JSON', async () => {
    const compact = '{"format":"tidemark.snapshot","version":1,"tables":[{"name":"t","model":"T","columns":[{"name":"id","type":"string","nullable":false,"default":"x","length":36}],"primaryKey":["id"],"indexes":[],"foreignKeys":[]}]}';
    assert.equal(await hashSnapshot(SMALL), `sha256:${sha256(compact)}`);
  });

  test('the empty snapshot has a fixed hash', async () => {
    const empty: SchemaSnapshot = { format: 'tidemark.snapshot', version: 2, tables: [] };
    assert.equal(await hashSnapshot(empty), `sha256:${sha256('{"format":"tidemark.snapshot","version":1,"tables":[]}')}`);
  });

  test('is stable across calls and independent of order and formatting', async () => {
    const h = await hashSnapshot(tidy());
    assert.match(h, /^sha256:[0-9a-f]{64}$/);
    assert.equal(await hashSnapshot(tidy()), h);
    assert.equal(await hashSnapshot(messy()), h);
    // the same schema read from a file written with other indentation and key order
    const reformatted = JSON.stringify(messy(), null, '\t').replace(/\n/g, '\r\n');
    assert.equal(await hashSnapshot(parseSnapshot(reformatted)), h);
    assert.equal(await hashSnapshot(parseSnapshot(serializeSnapshot(tidy()))), h);
  });

  test('differs when the schema differs', async () => {
    const other = structuredClone(SMALL) as any;
    other.tables[0].columns[0].length = 37;
    assert.notEqual(await hashSnapshot(other), await hashSnapshot(SMALL));
  });
});

describe('checksumMigration', () => {
  const lf = "import { defineMigration } from '@tidemark/core';\n\nexport default defineMigration({\n  id: 'x',\n});\n";

  test('is sha256 of the text', async () => {
    assert.equal(await checksumMigration(lf), sha256(lf));
  });

  test('is the same for CRLF, CR and LF line endings', async () => {
    const sum = await checksumMigration(lf);
    assert.equal(await checksumMigration(lf.replace(/\n/g, '\r\n')), sum);
    assert.equal(await checksumMigration(lf.replace(/\n/g, '\r')), sum);
  });

  test('changes when the text changes', async () => {
    assert.notEqual(await checksumMigration(`${lf}// edit\n`), await checksumMigration(lf));
    assert.notEqual(await checksumMigration(lf.replace(/\n/g, '\n\n')), await checksumMigration(lf));
  });

  test('normalizeLineEndings turns CRLF and CR into LF, keeping blank lines', () => {
    assert.equal(normalizeLineEndings('a\r\nb\rc\n\r\nd'), 'a\nb\nc\n\nd');
  });
});
