import type { ColumnSnapshot, ForeignKeySnapshot, IndexSnapshot, ReferentialAction, TableSnapshot } from '../snapshot/schema-snapshot.js';
import { normalizeColumn } from '../snapshot/normalize-snapshot.js';
import { normalizeIndexOptions, type IndexOptionFields } from '../snapshot/index-options.js';

/** `ColumnSpec` is a column as a migration file writes it: a `ColumnSnapshot` whose `nullable` defaults to false. */
export type ColumnSpec = Omit<ColumnSnapshot, 'nullable'> & { readonly nullable?: boolean };

/** `ColumnDefinition` is a column spec without its name, as `alterColumn` takes it. */
export type ColumnDefinition = Omit<ColumnSpec, 'name'>;

/**
 * `IndexSpec` is an index as a migration file writes it; `unique` defaults to false. An
 * expression index gives `expression` and `columns: []`; `using`, `where` and `keyOptions` are
 * the other index options (README: Models).
 */
export interface IndexSpec extends IndexOptionFields {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique?: boolean;
  /** A unique index the application keeps unique, on backends that cannot (DynamoDB). */
  readonly applicationEnforced?: boolean;
}

/** `ForeignKeySpec` is a foreign key as a migration file writes it; actions default to 'no action'. */
export interface ForeignKeySpec {
  readonly name: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

/** `CheckSpec` is a CHECK constraint as a migration file writes it: a name and SQL over the table's columns. */
export interface CheckSpec {
  readonly name: string;
  readonly expression: string;
}

/** `TableSpec` is a whole table as `createTable` takes it. */
export interface TableSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  readonly primaryKey: readonly string[];
  readonly indexes?: readonly IndexSpec[];
  readonly foreignKeys?: readonly ForeignKeySpec[];
  readonly checks?: readonly CheckSpec[];
}

/** `toColumnSnapshot` fills a column spec's defaults. */
export function toColumnSnapshot(spec: ColumnSpec): ColumnSnapshot {
  return normalizeColumn({ ...spec, nullable: spec.nullable ?? false });
}

/** `toIndexSnapshot` fills an index spec's defaults. */
export function toIndexSnapshot(spec: IndexSpec): IndexSnapshot {
  const unique = spec.unique ?? false;
  return {
    name: spec.name, columns: [...spec.columns], unique,
    ...(unique && spec.applicationEnforced ? { applicationEnforced: true as const } : {}),
    ...normalizeIndexOptions(spec),
  };
}

/** `toForeignKeySnapshot` fills a foreign key spec's defaults. */
export function toForeignKeySnapshot(spec: ForeignKeySpec): ForeignKeySnapshot {
  return {
    name: spec.name,
    columns: [...spec.columns],
    referencedTable: spec.referencedTable,
    referencedColumns: [...spec.referencedColumns],
    onDelete: spec.onDelete ?? 'no action',
    onUpdate: spec.onUpdate ?? 'no action',
  };
}

/** `toTableSnapshot` fills a table spec's defaults; the model name is unknown in a migration file. */
export function toTableSnapshot(spec: TableSpec, model = ''): TableSnapshot {
  return {
    name: spec.name,
    model,
    columns: spec.columns.map(toColumnSnapshot),
    primaryKey: [...spec.primaryKey],
    indexes: (spec.indexes ?? []).map(toIndexSnapshot),
    foreignKeys: (spec.foreignKeys ?? []).map(toForeignKeySnapshot),
    ...(spec.checks && spec.checks.length > 0 ? { checks: spec.checks.map((c) => ({ name: c.name, expression: c.expression.trim() })) } : {}),
  };
}
