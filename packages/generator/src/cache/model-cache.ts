import { join } from 'node:path';
import type { ModelDescription } from '@tidemark/core';
import type { FileTexts } from '../read/file-texts.js';
import type { CachedFile, FileRead, GlobalLookup, ModelFileCache } from '../read/read-model-files.js';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { contentHash } from './content-hash.js';

const FORMAT = 'tidemark.model-cache/1';
const FILE = 'model-descriptions.json';

/** A dependency: its path, its text's hash (`null`: it must still be missing), whether it was a model file. */
type Dependency = readonly [path: string, hash: string | null, listed: boolean];

interface Entry {
  readonly hash: string;
  readonly dependencies: readonly Dependency[];
  /** The names the file exports a declaration under (for other files' global lookups). */
  readonly exports: readonly string[];
  readonly globals: readonly GlobalLookup[];
  readonly models: readonly ModelDescription[];
}

const isEntry = (e: Partial<Entry> | undefined): e is Entry =>
  !!e && typeof e.hash === 'string' && Array.isArray(e.dependencies) && Array.isArray(e.exports) && Array.isArray(e.globals) && Array.isArray(e.models);

/**
 * `ModelCache` is the model reader's cache (README: Measured): per model file, the descriptions its
 * models read to, under the hash of its text and of every file the reading looked at (an imported
 * enum, a base class, a type alias, a tsconfig that maps a path alias, an import candidate that
 * was missing) and whether each of those was a model file, plus the names it looked up among
 * the model files' exports (`Date`, neither declared nor imported) and which files exported them. An entry answers only while all of
 * them are unchanged, so editing an imported enum or a base class re-reads the files that use it,
 * and only those. Kept in one file per project under `cacheDirectory`, tied to the Tidemark
 * version and the project root, replaced atomically.
 * @internal
 */
export class ModelCache implements ModelFileCache {
  readonly #path: string;
  readonly #root: string;
  readonly #texts: FileTexts;
  readonly #entries: Map<string, Entry>;
  readonly #hashes = new Map<string, string | null>();
  #changed = false;

  constructor(directory: string, root: string, texts: FileTexts) {
    this.#path = join(directory, FILE);
    this.#root = root;
    this.#texts = texts;
    const body = readCacheFile<Record<string, Entry>>(this.#path, FORMAT, root);
    this.#entries = new Map(body && typeof body === 'object' ? Object.entries(body) : []);
  }

  #hash(path: string): string | null {
    let hash = this.#hashes.get(path);
    if (hash === undefined) {
      const text = this.#texts.read(path);
      this.#hashes.set(path, (hash = text === null ? null : contentHash(text)));
    }
    return hash;
  }

  #unchanged(file: string): Entry | undefined {
    const entry = this.#entries.get(file);
    return isEntry(entry) && entry.hash === this.#hash(file) ? entry : undefined;
  }

  lookup(file: string, listed: ReadonlySet<string>): CachedFile | undefined {
    const entry = this.#unchanged(file);
    if (!entry) return undefined;
    for (const [path, hash, wasListed] of entry.dependencies) {
      if (this.#hash(path) !== hash || listed.has(path) !== wasListed) return undefined;
    }
    return entry;
  }

  exportedNames(file: string): readonly string[] | undefined {
    return this.#unchanged(file)?.exports;
  }

  store(file: string, read: FileRead, listed: ReadonlySet<string>): void {
    const hash = this.#hash(file);
    if (hash === null) return;
    const dependencies: Dependency[] = [];
    for (const path of read.dependencies.files) if (path !== file) dependencies.push([path, this.#hash(path), listed.has(path)]);
    for (const path of read.dependencies.absent) dependencies.push([path, null, listed.has(path)]);
    this.#entries.set(file, { hash, dependencies, exports: read.exports, globals: read.globals, models: read.models });
    this.#changed = true;
  }

  /** `save` writes the entries of the files read this time (others are dropped), when any changed. */
  save(listed: ReadonlySet<string>): void {
    const stale = [...this.#entries.keys()].filter((f) => !listed.has(f));
    if (!this.#changed && stale.length === 0) return;
    const body: Record<string, Entry> = {};
    for (const [file, entry] of this.#entries) if (listed.has(file)) body[file] = entry;
    writeCacheFile(this.#path, FORMAT, this.#root, body);
  }
}
