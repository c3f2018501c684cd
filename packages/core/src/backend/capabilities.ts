import type { IndexMethod } from '../snapshot/index-options.js';
import type { ColumnType, ElementType } from '../snapshot/portable-type.js';

/** `Dialect` names a backend. */
export type Dialect = 'sqlite' | 'postgres' | 'mysql' | 'mongodb' | 'dynamodb';

/**
 * `Capabilities` states what a backend can do, as data: the planner, the migrator and the
 * conformance suite branch on these flags, never on the dialect's name.
 */
export interface Capabilities {
  /** DDL runs inside a transaction that a failure rolls back (PostgreSQL, SQLite). */
  readonly transactionalDdl: boolean;
  /**
   * What native statements are: SQL text (`db.execute('…')`, and dry runs end each with `;`), or
   * the backend's command documents (MongoDB commands, DynamoDB requests), printed as JSON.
   */
  readonly nativeStatements: 'sql' | 'commands';
  /** Whether foreign keys are enforced by the database. */
  readonly foreignKeys: 'enforced' | 'none';
  /** Whether unique indexes are enforced by the database. */
  readonly uniqueIndexes: 'enforced' | 'none';
  /**
   * Whether the database generates `autoIncrement` key values. MongoDB and DynamoDB do not: the
   * backend refuses such a column rather than pretend (use a Uuid key there).
   */
  readonly autoIncrement: boolean;
  /** Whether a table's key can change after it is created. */
  readonly alterPrimaryKey: boolean;
  /** DynamoDB: a table has a key of at least this many columns (a partition key). */
  readonly minKeyColumns?: number;
  /** DynamoDB: a key has at most this many columns (partition, sort). */
  readonly maxKeyColumns?: number;
  /** DynamoDB: a secondary index has 1 to this many columns (partition, sort). */
  readonly maxIndexColumns?: number;
  /** DynamoDB: at most this many secondary indexes per table. */
  readonly maxIndexesPerTable?: number;
  /**
   * Where the backend restricts table and index names (DynamoDB): a regular expression (source)
   * they must match and the same rule in words, for the refusal. Column names are free everywhere.
   */
  readonly objectNames?: { readonly pattern: string; readonly rule: string };
  /**
   * The column types a key or a secondary index can be built on, where the backend restricts
   * them (DynamoDB: types stored as S, N or B; MySQL: not json). Absent: every type.
   */
  readonly indexableTypes?: readonly ColumnType[];
  /**
   * The index options (README: Models, "Index options") the backend can build; absent: none.
   * `methods` are the index methods besides the default btree.
   */
  readonly indexOptions?: {
    readonly where: boolean;
    readonly expression: boolean;
    readonly methods: readonly IndexMethod[];
    readonly operatorClasses: boolean;
    readonly descending: boolean;
    readonly nullsOrder: boolean;
  };
  /** Whether the database enforces CHECK constraints (`@Check`); absent: it has none, and they are refused. */
  readonly checkConstraints?: boolean;
  /**
   * The element types an `array` column can hold here (PostgreSQL: native arrays of each; SQLite:
   * JSON lists, without enum elements, whose values a CHECK could not keep). Absent or empty:
   * array columns are refused, naming the backend.
   */
  readonly arrayItems?: readonly ElementType[];
  /** DynamoDB: the names of key and index key attributes are at most this many UTF-8 bytes. */
  readonly maxKeyNameBytes?: number;
  /** The longest identifier the backend accepts (PostgreSQL 63 bytes, MySQL 64 characters). */
  readonly maxIdentifierLength?: number;
  /** What `maxIdentifierLength` counts: UTF-8 `bytes` (the default; PostgreSQL) or `characters` (MySQL). */
  readonly identifierLengthUnit?: 'bytes' | 'characters';
}
