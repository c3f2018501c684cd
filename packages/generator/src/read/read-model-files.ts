import { resolve } from 'node:path';
import type { ModelDescription } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { loadTypeScript, tsc } from './typescript.js';
import { decoratorsOf, tidemarkDecorator } from './decorator-name.js';
import { refuseUnknownDecorator } from './unknown-decorator.js';
import { describeModel } from './describe-model.js';
import type { DependencyLog } from './dependency-log.js';
import { FileTexts } from './file-texts.js';
import { ModelSources } from './model-sources.js';
import { isModelClass } from './read-class-decorators.js';
import type { Where } from './where.js';

/** `GlobalLookup` is a name looked up among the model files' exports, and the files that exported it. */
export type GlobalLookup = readonly [name: string, exporters: readonly string[]];

/** `CachedFile` is what the cache holds for a model file whose text and file dependencies are unchanged. */
export interface CachedFile {
  readonly models: readonly ModelDescription[];
  /** Still to check against this run's model files: they must export each name from the same files. */
  readonly globals: readonly GlobalLookup[];
}

/**
 * `ModelFileCache` keeps each model file's descriptions between runs (cache/model-cache.ts). A
 * lookup answers only when the file's text, every file its reading depended on, and which of
 * those are model files are all unchanged; the reader then checks its global lookups.
 */
export interface ModelFileCache {
  lookup(file: string, listed: ReadonlySet<string>): CachedFile | undefined;
  /** The names an unchanged file exports, so finding who exports `Date` parses no unchanged file. */
  exportedNames(file: string): readonly string[] | undefined;
  store(file: string, read: FileRead, listed: ReadonlySet<string>): void;
}

/** `FileRead` is what reading one model file gave and looked at. */
export interface FileRead {
  readonly models: readonly ModelDescription[];
  readonly dependencies: DependencyLog;
  readonly exports: readonly string[];
  readonly globals: readonly GlobalLookup[];
}

/** `ReadModelFilesOptions` tune `readModelFiles`. */
export interface ReadModelFilesOptions {
  /** Resolves relative file paths; errors name files relative to it. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Descriptions of unchanged files from an earlier run; a file it answers for is not parsed. */
  readonly cache?: ModelFileCache;
  /** The texts `cache` hashes, so the reader parses the same ones. */
  readonly texts?: FileTexts;
}

/**
 * `readModelFiles` reads the `@Model` classes of TypeScript files statically (syntax trees from
 * the TypeScript parser; nothing is executed or type-checked) and describes them for
 * `buildSnapshot`, file by file in the order given. Each file is parsed once, also a file reached
 * through an import while resolving a type alias, an enum or a base class; with a `cache`, a file
 * it answers for is not parsed at all (nor TypeScript loaded, when it answers for every file). A
 * model it cannot read (a non-literal decorator argument, a numeric enum, ...) is
 * TM_MODEL_INVALID naming the file (relative to `cwd`), line and property.
 * @example
 * ```ts
 * const files = findModelFiles(cwd, ['src/models/**\/*.ts']);
 * const { snapshot, hints } = buildSnapshot(readModelFiles(files, { cwd }));
 * ```
 */
export function readModelFiles(files: readonly string[], options: ReadModelFilesOptions = {}): ModelDescription[] {
  const cwd = options.cwd ?? process.cwd();
  const { cache } = options;
  const paths = [...new Set(files.map((f) => resolve(cwd, f)))];
  const listed: ReadonlySet<string> = new Set(paths);
  const texts = options.texts ?? new FileTexts();
  let reader: FileReader | undefined;
  const read = (path: string): readonly ModelDescription[] => {
    reader ??= new FileReader(cwd, paths, texts, cache);
    const fresh = reader.read(path);
    cache?.store(path, fresh, listed);
    return fresh.models;
  };
  const hits = paths.map((path) => cache?.lookup(path, listed));
  // Changed files first: their exports decide whether a cached global lookup still holds.
  const models = paths.map((path, i) => (hits[i] ? undefined : read(path)));
  const exporters = new Map<string, string>();
  const sameExporters = ([name, before]: GlobalLookup): boolean => {
    let now = exporters.get(name);
    if (now === undefined) exporters.set(name, (now = exportersOf(name, paths, cache, () => (reader ??= new FileReader(cwd, paths, texts, cache))).join('\0')));
    return now === before.join('\0');
  };
  return paths.flatMap((path, i) => {
    const hit = hits[i];
    return models[i] ?? (hit && hit.globals.every(sameExporters) ? hit.models : read(path));
  });
}

/** The model files exporting `name`: from the cache where a file is unchanged, parsing the others. */
function exportersOf(name: string, paths: readonly string[], cache: ModelFileCache | undefined, reader: () => FileReader): string[] {
  const unknown = paths.some((p) => cache?.exportedNames(p) === undefined);
  if (unknown) return reader().sources.exportersOf(name);
  return paths.filter((p) => cache!.exportedNames(p)!.includes(name));
}

/** `FileReader` describes the models of one file at a time, sharing parsed files across files. */
class FileReader {
  readonly sources: ModelSources;
  readonly #isModel = new Map<ts.ClassDeclaration, boolean>();

  constructor(cwd: string, listed: readonly string[], texts: FileTexts, cache: ModelFileCache | undefined) {
    loadTypeScript();
    this.sources = new ModelSources(cwd, listed, texts, cache && ((path) => cache.exportedNames(path)));
  }

  /** `read` describes a file's models and says what that looked at. */
  read(path: string): FileRead {
    const dependencies = this.sources.startLog();
    const models = this.describe(path);
    const globals = [...dependencies.globals].map((name): GlobalLookup => [name, this.sources.exportersOf(name)]);
    return { models, dependencies, exports: this.sources.exportedNames(this.sources.file(path)), globals };
  }

  /**
   * `isModel` tells whether a class is a model: a `@Model` class of a listed file. A property typed
   * `User` is a relation only then; the class's file is in the log, since resolving it read it.
   */
  readonly isModel = (c: ts.ClassDeclaration): boolean => {
    let known = this.#isModel.get(c);
    if (known === undefined) {
      known = this.sources.isListed(c.getSourceFile()) && isModelClass(c, { sources: this.sources, model: c.name?.text ?? 'default' });
      this.#isModel.set(c, known);
    }
    return known;
  };

  private describe(path: string): ModelDescription[] {
    const file = this.sources.file(path);
    const models: ts.ClassDeclaration[] = [];
    for (const st of file.statements) {
      if (!tsc.isClassDeclaration(st) || decoratorsOf(st).length === 0) continue;
      const where: Where = { sources: this.sources, model: st.name?.text ?? 'default' };
      if (this.isModel(st)) models.push(st);
      // A misspelt `@Modle()` must not make the class, and so its table, disappear.
      else for (const d of decoratorsOf(st)) if (!tidemarkDecorator(d, where)) refuseUnknownDecorator(d, where);
    }
    return models.map((cls) => describeModel(cls, this.sources, this.isModel));
  }
}
