import type { TableDescription } from '@aws-sdk/client-dynamodb';
import type { PullInventory, PullNote, TableSnapshot } from '@tidemark/core';
import { mapLimit } from './concurrency.js';
import { describeTable } from './describe-table.js';
import type { DynamoGateway } from './gateway.js';
import { listTables, mergeTable } from './introspect.js';
import { readTableMetadata } from './schema-store.js';
import { isTidemarkTable } from './tracking-tables.js';

/** The notes a table's description calls for, managed by Tidemark or not. */
function describeNotes(d: TableDescription): PullNote[] {
  const table = d.TableName!;
  const notes: PullNote[] = [];
  for (const l of d.LocalSecondaryIndexes ?? []) {
    notes.push({ kind: 'approximated', table, object: `local secondary index ${l.IndexName}`, problem: 'models say global secondary indexes; it is pulled as one, which a new table gets instead' });
  }
  for (const g of d.GlobalSecondaryIndexes ?? []) {
    if (g.Projection?.ProjectionType !== 'ALL') {
      notes.push({ kind: 'approximated', table, object: `index ${g.IndexName}`, problem: `it projects ${g.Projection?.ProjectionType ?? 'nothing'}; Tidemark creates indexes that project ALL` });
    }
  }
  if (d.BillingModeSummary?.BillingMode === 'PROVISIONED' || (d.ProvisionedThroughput?.ReadCapacityUnits ?? 0) > 0) {
    notes.push({ kind: 'approximated', table, object: `table ${table}`, problem: 'it has provisioned capacity; Tidemark creates tables PAY_PER_REQUEST' });
  }
  return notes;
}

/**
 * `unmanagedTable` reads a table Tidemark never created from its description alone: its key and
 * its secondary indexes, with the attribute types DynamoDB declares for them (S text, N f64,
 * B bytes, as `mergeTable` reads an attribute the metadata does not know). Key attributes are
 * never missing from an item, so they are NOT NULL; index attributes may be.
 */
export function unmanagedTable(d: TableDescription): TableSnapshot {
  const merged = mergeTable(d, { name: d.TableName!, model: '', columns: [], primaryKey: [], indexes: [], foreignKeys: [] });
  const order = (name: string): number => { const k = merged.primaryKey.indexOf(name); return k === -1 ? merged.primaryKey.length : k; };
  const columns = merged.columns
    .map((c) => (merged.primaryKey.includes(c.name) ? { ...c, nullable: false } : c))
    .sort((a, b) => order(a.name) - order(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ...merged, columns };
}

/**
 * `dynamoPullInventory` gives `migrate:pull` the tables of the account and region that Tidemark
 * never managed (no metadata item), read by `unmanagedTable`, with a note on each saying that its
 * other attributes cannot be known from DynamoDB; and notes on what no model can say of any table
 * (local secondary indexes, projections other than ALL, provisioned capacity).
 */
export async function dynamoPullInventory(db: DynamoGateway): Promise<PullInventory> {
  const [names, stored] = await Promise.all([listTables(db, 'pull'), readTableMetadata(db)]);
  const candidates = names.filter((n) => !isTidemarkTable(n));
  const described = await mapLimit(candidates, 8, (name) => describeTable(db, name, 'pull'));
  const tables: TableSnapshot[] = [];
  const notes: PullNote[] = [];
  for (const d of described) {
    if (!d || d.TableStatus === 'DELETING') continue;
    notes.push(...describeNotes(d));
    if (stored.has(d.TableName!)) continue;
    tables.push(unmanagedTable(d));
    notes.push({
      kind: 'approximated', table: d.TableName!, object: `table ${d.TableName!}`,
      problem: 'Tidemark never managed it: only its key and index attributes are known (DynamoDB has no columns); add the other attributes to the model by hand',
    });
  }
  return { tables, notes };
}
