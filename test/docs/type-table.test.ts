// The README's type table is a claim about each database: for every SQL backend under test, a
// column of each portable type is created through Tidemark and the database's own catalog is
// asked what it stored; the README cell must name exactly that type (one of its `code` spans,
// with (n), (p,s) and (...) standing for the column's length, precision and enum values).
// Introspection mapping these types back to the same snapshot is the conformance suite's job.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'vitest';
import { op, PORTABLE_TYPES, type ColumnSpec, type PortableType } from '@tidemark/core';
import { backendsUnderTest } from '../backends/index.js';
import { REPO_ROOT } from '../support/project.js';

const HEADING = '## Portable types and what each backend stores';
const COLUMNS: Record<string, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MySQL / MariaDB' };

/** The README table: portable type → column title → the cell's code spans. */
async function readmeTable(): Promise<Map<PortableType, Map<string, string[]>>> {
  const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(HEADING);
  assert.ok(start >= 0, `README has no "${HEADING}" section`);
  const lines = readme.slice(start).split('\n').filter((l) => l.startsWith('|'));
  const cells = (l: string) => l.split('|').slice(1, -1).map((c) => c.trim());
  const titles = cells(lines[0]!);
  const table = new Map<PortableType, Map<string, string[]>>();
  for (const line of lines.slice(2)) {
    const row = cells(line);
    if (row.length !== titles.length) break;
    const type = /^[a-z0-9]+/.exec(row[0]!)?.[0] as PortableType;
    table.set(type, new Map(titles.map((t, i) => [t, [...row[i]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)])));
  }
  return table;
}

const SHAPE: Partial<Record<PortableType, Partial<ColumnSpec>>> = { string: { length: 80 }, decimal: { precision: 12, scale: 3 }, enum: { values: ['a', 'b'] } };
const expand = (claim: string): string => claim.replace('(n)', '(80)').replace('(p,s)', '(12,3)').replace('(...)', "('a','b')").toLowerCase().replace(/\s+/g, ' ');

/** The database's own name for each column's type, from its catalog. */
const CATALOG: Record<string, { sql: string; normalise: (type: string) => string }> = {
  sqlite: { sql: "SELECT name, type FROM pragma_table_info('types')", normalise: (t) => t.toLowerCase() },
  postgres: {
    sql: "SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'types'::regclass AND attnum > 0 AND NOT attisdropped",
    normalise: (t) => t.replace('character varying', 'varchar').replace('timestamp with time zone', 'timestamptz').replace(/,\s+/g, ','),
  },
  mysql: {
    sql: "SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'types'",
    // display widths (int(11)) are noise, except tinyint(1), which is how MySQL spells boolean
    normalise: (t) => t.toLowerCase().replace(/^(int|bigint|smallint)\(\d+\)/, '$1'),
  },
};

const table = await readmeTable();
for (const { harness, skip } of await backendsUnderTest()) {
  const catalog = CATALOG[harness.name];
  if (!catalog) continue; // MongoDB and DynamoDB have no column catalog; their packages' READMEs say what is real
  describe(`README type table [${harness.name}]`, { skip: Boolean(skip) }, () => {
    test(`every ${COLUMNS[harness.name]} cell names the type the database reports`, async () => {
      const db = await harness.create();
      try {
        const columns = PORTABLE_TYPES.map((type): ColumnSpec => ({ name: `c_${type}`, type, nullable: true, ...SHAPE[type] }));
        await db.connection.withLock(() => db.connection.applier.apply(op.createTable({ name: 'types', columns: [{ name: 'id', type: 'i32' }, ...columns], primaryKey: ['id'] })));
        const rows = (await db.connection.applier.execute(catalog.sql)) as { name: string; type: string }[];
        const reported = new Map(rows.map((r) => [r.name, catalog.normalise(String(r.type))]));
        for (const type of PORTABLE_TYPES) {
          const claims = table.get(type)?.get(COLUMNS[harness.name]!) ?? [];
          assert.ok(claims.length > 0, `README has no ${COLUMNS[harness.name]} type for ${type}`);
          const actual = reported.get(`c_${type}`);
          assert.ok(claims.map(expand).includes(actual!), `${type}: README says ${claims.join(' or ')}, ${harness.name} reports ${actual}`);
        }
      } finally {
        await db.dispose();
      }
    });
  });
}
