import type { CommandTarget } from '../command-runner.js';
import type { Document } from '../document.js';
import { cursorReply, emptyResponder, RecordingRunner, type Reply } from './recording-runner.js';

/** A MongoDB server error as the driver would throw it, with a code. */
export function serverError(code: number, codeName: string, errmsg: string): Error {
  return Object.assign(new Error(errmsg), { name: 'MongoServerError', code, codeName, errmsg });
}

interface Collection {
  options: Document;
  indexes: Document[];
}

/**
 * `DdlStateRunner` is a recording runner that remembers what collection commands did to the
 * catalog (create, collMod, drop, renameCollection, createIndexes, dropIndexes) and answers
 * `listCollections` / `listIndexes` from it, so the validators and indexes the backend writes
 * can be read back by its own introspection. It holds no documents: data commands see empty
 * collections. It checks what the server would refuse about the catalog (a duplicate
 * collection or index name, a missing one), not validation or data semantics.
 */
export class DdlStateRunner extends RecordingRunner {
  readonly collections = new Map<string, Collection>();

  constructor(options: { databaseName?: string } = {}) {
    super({ ...options, responder: (command, target) => this.#respond(command, target) });
  }

  #respond(command: Document, target: CommandTarget): Reply {
    const name = Object.keys(command)[0]!;
    const coll = command[name] as string;
    const db = this.databaseName;
    const get = (n: string): Collection | Error => this.collections.get(n) ?? serverError(26, 'NamespaceNotFound', `ns ${db}.${n} does not exist`);
    switch (name) {
      case 'create': {
        if (this.collections.has(coll)) return serverError(48, 'NamespaceExists', `Collection ${db}.${coll} already exists.`);
        const { create: _, ...options } = command;
        this.collections.set(coll, { options, indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }] });
        return { ok: 1 };
      }
      case 'collMod': {
        const c = get(coll);
        if (c instanceof Error) return c;
        const { collMod: _, ...options } = command;
        c.options = { ...c.options, ...options };
        return { ok: 1 };
      }
      case 'drop':
        if (!this.collections.delete(coll)) return serverError(26, 'NamespaceNotFound', 'ns not found');
        return { ok: 1 };
      case 'renameCollection': {
        if (target !== 'admin') return serverError(20, 'IllegalOperation', 'renameCollection may only be run against the admin database.');
        const from = coll.slice(db.length + 1);
        const to = (command.to as string).slice(db.length + 1);
        const c = get(from);
        if (c instanceof Error) return c;
        if (this.collections.has(to)) return serverError(48, 'NamespaceExists', 'target namespace exists');
        this.collections.delete(from);
        this.collections.set(to, c);
        return { ok: 1 };
      }
      case 'createIndexes': {
        const c = this.collections.get(coll) ?? { options: {}, indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }] };
        this.collections.set(coll, c);
        for (const spec of command.indexes as Document[]) {
          if (c.indexes.some((i) => i.name === spec.name)) return serverError(86, 'IndexKeySpecsConflict', `An existing index has the same name as the requested index: ${String(spec.name)}`);
          // one index per key pattern, unless their partial filters differ
          const samePattern = c.indexes.find((i) => JSON.stringify(i.key) === JSON.stringify(spec.key)
            && JSON.stringify(i.partialFilterExpression) === JSON.stringify(spec.partialFilterExpression));
          if (samePattern) return serverError(85, 'IndexOptionsConflict', `Index already exists with a different name: ${String(samePattern.name)}`);
          c.indexes.push({ v: 2, ...spec });
        }
        return { ok: 1 };
      }
      case 'dropIndexes': {
        const c = get(coll);
        if (c instanceof Error) return c;
        const before = c.indexes.length;
        c.indexes = c.indexes.filter((i) => i.name !== command.index);
        return c.indexes.length < before ? { ok: 1 } : serverError(27, 'IndexNotFound', `index not found with name [${String(command.index)}]`);
      }
      case 'listCollections':
        return cursorReply([...this.collections].map(([n, c]) => ({ name: n, type: 'collection', options: c.options, info: { readOnly: false } })));
      case 'listIndexes': {
        const c = get(coll);
        return c instanceof Error ? c : cursorReply(c.indexes);
      }
      default:
        return emptyResponder(command, target);
    }
  }
}
