import { unsupportedOperation } from '@tidemark/core';

/** `HISTORY_COLLECTION` is Tidemark's tracking collection (README: How a run works). */
export const HISTORY_COLLECTION = '_tidemark_migrations';
/** `LOCK_COLLECTION` holds the migration lock document. */
export const LOCK_COLLECTION = '_tidemark_lock';
/**
 * `KEY_INDEX` is the unique index that holds a table's key: MongoDB's own `_id` stays as the
 * driver makes it, and the key columns are ordinary fields behind this index. Introspection
 * reads it back as `primaryKey`; the name is fixed, so a renamed collection keeps it valid.
 */
export const KEY_INDEX = '_tidemark_pk';

/** `isManagedCollection` tells whether introspection covers a collection: not MongoDB's (`system.*`) nor Tidemark's (`_tidemark_*`). */
export function isManagedCollection(name: string): boolean {
  return !name.startsWith('system.') && !name.startsWith('_tidemark_');
}

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * `checkCollectionName` refuses a table name MongoDB cannot hold as a collection
 * (https://www.mongodb.com/docs/manual/reference/limits/#naming-restrictions): empty, with `$` or
 * NUL, `system.*`, Tidemark's own `_tidemark_*`, or a namespace (`db.collection`) over 255 bytes.
 */
export function checkCollectionName(databaseName: string, name: string): void {
  const refuse = (why: string): never => {
    throw unsupportedOperation('mongodb', `use ${JSON.stringify(name)} as a collection name: ${why}`, 'give the model another table name with @Model({ table: "…" })');
  };
  if (name === '') refuse('it is empty');
  if (name.includes('$') || name.includes('\0')) refuse('collection names cannot contain $ or NUL');
  if (name.startsWith('system.')) refuse('system.* is reserved by MongoDB');
  if (!isManagedCollection(name)) refuse('_tidemark_* is reserved for Tidemark');
  if (utf8(`${databaseName}.${name}`) > 255) refuse(`the namespace ${databaseName}.… would be longer than MongoDB's 255 bytes`);
}

/**
 * `checkFieldName` refuses a column name that is not a plain top-level field: a dot would be read
 * as a path into an embedded document, a leading `$` as an operator, and `_id` is MongoDB's own.
 */
export function checkFieldName(table: string, name: string): void {
  const refuse = (why: string): never => {
    throw unsupportedOperation('mongodb', `use ${JSON.stringify(name)} as a field of ${table}: ${why}`, 'give the column another name with @Column({ name: "…" })');
  };
  if (name === '') refuse('it is empty');
  if (name.includes('.')) refuse('MongoDB reads dots as paths into embedded documents');
  if (name.startsWith('$')) refuse('MongoDB reads a leading $ as an operator');
  if (name.includes('\0')) refuse('field names cannot contain NUL');
  if (name === '_id') refuse('_id is the document id MongoDB manages');
}

/** `checkIndexName` refuses MongoDB's `_id_`, Tidemark's key index name, `*` and the empty name. */
export function checkIndexName(table: string, name: string): void {
  if (name === '' || name === '*' || name === '_id_' || name === KEY_INDEX) {
    throw unsupportedOperation('mongodb', `name an index of ${table} ${JSON.stringify(name)}: the name is empty or reserved`, 'give the index another name with @Index([...], { name: "…" })');
  }
}

/**
 * `checkIndexColumns` refuses a compound index over a column named like an array index ("0",
 * "12"): JavaScript objects list such keys first, so the index key would silently change order.
 */
export function checkIndexColumns(table: string, index: string, columns: readonly string[]): void {
  if (columns.length > 1 && columns.some((c) => /^(0|[1-9]\d*)$/.test(c))) {
    throw unsupportedOperation('mongodb', `keep the column order of compound index ${index} on ${table}: a column named like a number would move first`,
      'rename the numeric column, or index it on its own');
  }
}
