// Rows for any table of a snapshot: one value per column by type, foreign keys pointing at rows
// that exist. Values are chosen to survive every widening the evolution may apply.
import type { ColumnSnapshot, TableSnapshot } from '@tidemark/core';
import type { Row, TestDatabase } from '../backends/index.js';

let serial = 0;

function valueFor(c: ColumnSnapshot, n: number): Row[string] {
  switch (c.type) {
    case 'i32': case 'i64': case 'decimal': return n;
    case 'f64': return n + 0.5;
    case 'string': return `s${n}`.slice(0, c.length ?? 255);
    case 'text': return `t${n}`;
    case 'boolean': return n % 2 === 0;
    case 'uuid': return `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
    case 'date': return `2024-01-${String((n % 28) + 1).padStart(2, '0')}`;
    case 'timestamp': return `2024-01-01 00:00:${String(n % 60).padStart(2, '0')}`;
    case 'json': return `{"n":${n}}`;
    case 'bytes': return c.nullable ? null : `b${n}`;
    case 'enum': return c.values?.[n % (c.values?.length ?? 1)] ?? null;
  }
}

/**
 * `insertRow` adds one row to `table` and returns whether it could: a NOT NULL foreign key
 * whose parent table has no rows, or a value a unique index already holds, means no row
 * this time (that is the data generator's limit, not a migration's).
 */
export async function insertRow(db: TestDatabase, table: TableSnapshot): Promise<boolean> {
  const n = ++serial;
  const row: Row = {};
  for (const c of table.columns) {
    if (c.autoIncrement) continue;
    const fk = table.foreignKeys.find((f) => f.columns.includes(c.name));
    if (fk) {
      const refColumn = fk.referencedColumns[fk.columns.indexOf(c.name)]!;
      const parents = fk.referencedTable === table.name ? [] : await db.select(fk.referencedTable, [refColumn], refColumn);
      if (parents.length > 0) row[c.name] = parents[n % parents.length]![refColumn]!;
      else if (c.nullable) row[c.name] = null;
      else return false;
      continue;
    }
    row[c.name] = valueFor(c, n);
  }
  try {
    await db.insert(table.name, [row]);
    return true;
  } catch {
    return false;
  }
}
