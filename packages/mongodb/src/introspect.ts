import { normalizeSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type IndexSnapshot, type SchemaSnapshot, type TableSnapshot } from '@tidemark/core';
import type { MongoCommandRunner } from './command-runner.js';
import { readAll } from './cursor.js';
import { isDocument, type Document } from './document.js';
import { isManagedCollection, KEY_INDEX } from './names.js';
import { columnsFromValidator, foreignKeysFromValidator } from './schema/read-validator.js';

/** `CollectionInfo` is one entry of a `listCollections` reply. */
export interface CollectionInfo {
  readonly name: string;
  readonly options?: { readonly validator?: unknown };
}

/**
 * `tableFromCollection` reads one table: the columns from the validator's `$jsonSchema` (real
 * types, required, maxLength, pattern, enum; metadata for the rest), the key from the
 * `_tidemark_pk` index, the indexes from `listIndexes` (MongoDB's `_id_` left out), the foreign
 * keys from the validator's metadata. A collection Tidemark did not create reads as a table
 * with no columns, so drift checks still see it.
 */
export function tableFromCollection(info: CollectionInfo, indexes: readonly Document[]): TableSnapshot {
  const validator = info.options?.validator;
  const keyOf = (ix: Document): string[] => (isDocument(ix.key) ? Object.keys(ix.key) : []);
  const key = indexes.find((ix) => ix.name === KEY_INDEX);
  const others: IndexSnapshot[] = indexes
    .filter((ix) => typeof ix.name === 'string' && ix.name !== '_id_' && ix.name !== KEY_INDEX)
    .map((ix) => ({ name: ix.name as string, columns: keyOf(ix), unique: ix.unique === true }));
  return {
    name: info.name,
    model: '',
    columns: columnsFromValidator(validator),
    primaryKey: key ? keyOf(key) : [],
    indexes: others,
    foreignKeys: foreignKeysFromValidator(validator),
  };
}

/** `listManagedCollections` lists the collections (not views) Tidemark manages, sorted by name. */
export async function listManagedCollections(runner: MongoCommandRunner, op = 'introspect'): Promise<CollectionInfo[]> {
  const infos = await readAll(runner, { listCollections: 1, filter: { type: 'collection' }, cursor: {} }, op);
  return infos
    .filter((c): c is Document & CollectionInfo => typeof c.name === 'string' && isManagedCollection(c.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * `introspectMongo` reads the live schema as a snapshot (model '' for every table): one
 * `listCollections`, then one `listIndexes` per managed collection. `system.*` and Tidemark's
 * `_tidemark_*` collections are skipped, and so are views. Compare with a file's snapshot
 * through `comparableSnapshot`.
 */
export async function introspectMongo(runner: MongoCommandRunner): Promise<SchemaSnapshot> {
  const tables: TableSnapshot[] = [];
  for (const info of await listManagedCollections(runner)) {
    const indexes = await readAll(runner, { listIndexes: info.name, cursor: {} }, 'introspect');
    tables.push(tableFromCollection(info, indexes));
  }
  return normalizeSnapshot({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, tables });
}
