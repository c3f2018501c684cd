import type { PullInventory, PullNote, SchemaSnapshot } from '@tidemark/core';
import type { MongoCommandRunner } from './command-runner.js';
import { readAll } from './cursor.js';
import { isDocument, type Document } from './document.js';
import { isManagedCollection, KEY_INDEX } from './names.js';

/**
 * `mongoPullInventory` lists what `migrate:pull` cannot write from introspection alone (see
 * `PullInventory`): views; collections without a `$jsonSchema` validator, whose fields MongoDB
 * cannot tell (their documents may hold anything) and without Tidemark's key index, which
 * models need; TTL, text, geospatial and hashed indexes, pulled as plain indexes or left out.
 */
export async function mongoPullInventory(runner: MongoCommandRunner, live: SchemaSnapshot): Promise<PullInventory> {
  const notes: PullNote[] = [];
  const infos = await readAll(runner, { listCollections: 1, cursor: {} }, 'pull');
  for (const info of infos) {
    const name = typeof info.name === 'string' ? info.name : '';
    if (!isManagedCollection(name)) continue;
    if (info.type === 'view') {
      notes.push({ kind: 'skipped', object: `view ${name}`, problem: 'models describe collections only; keep its create command in a migration (db.execute)' });
      continue;
    }
    const options = isDocument(info.options) ? info.options : {};
    if (!isDocument(options.validator) || !isDocument((options.validator as Document).$jsonSchema)) {
      notes.push({ kind: 'approximated', table: name, object: `collection ${name}`, problem: 'it has no $jsonSchema validator, so its fields are unknown; declare them in the model by hand' });
    }
  }
  for (const table of live.tables) {
    const indexes = await readAll(runner, { listIndexes: table.name, cursor: {} }, 'pull');
    if (!indexes.some((ix) => ix.name === KEY_INDEX)) {
      notes.push({ kind: 'approximated', table: table.name, object: `collection ${table.name}`, problem: `it has no ${KEY_INDEX} index, so its key is only MongoDB's _id; give the model a @Key()` });
    }
    for (const ix of indexes) {
      const kinds = isDocument(ix.key) ? Object.values(ix.key).filter((v) => typeof v === 'string') : [];
      if (kinds.length > 0) notes.push({ kind: 'approximated', table: table.name, object: `index ${String(ix.name)}`, problem: `it is a ${kinds.join('/')} index; models say ascending indexes only` });
      if (typeof ix.expireAfterSeconds === 'number') notes.push({ kind: 'approximated', table: table.name, object: `index ${String(ix.name)}`, problem: `it expires documents after ${ix.expireAfterSeconds} s (TTL); models cannot say it` });
    }
  }
  return { tables: [], notes };
}
