import { dirname, relative, resolve, sep } from 'node:path';
import type { ts } from 'ts-morph';
import { parseModelFile } from './parse-model-file.js';
import { fileScope, type Declaration, type FileScope } from './file-scope.js';
import { PathAliases } from './path-aliases.js';
import { DependencyLog, ProbeRecorder, type Probes } from './dependency-log.js';
import type { FileTexts } from './file-texts.js';

// How a relative specifier maps to files, in the order TypeScript's NodeNext/bundler resolution tries them.
function candidates(base: string): string[] {
  const swap = (from: string, to: string[]) => (base.endsWith(from) ? to.map((ext) => base.slice(0, -from.length) + ext) : undefined);
  return (
    swap('.js', ['.ts', '.tsx', '.d.ts']) ?? swap('.mjs', ['.mts', '.d.mts']) ?? swap('.cjs', ['.cts', '.d.cts']) ??
    (/\.[cm]?tsx?$/.test(base) ? [base] : ['.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx'].map((ext) => base + ext))
  );
}

/** A module lookup's answer and the paths it looked at, replayed into the log on every use. */
interface Resolution {
  readonly file: ts.SourceFile | null;
  readonly probes: Probes;
}

/**
 * `ModelSources` owns the source files of one read, in one map of parsed files: each file is parsed
 * once, whether it was listed or reached through a relative import, and its scope (declarations,
 * imports, exports) is indexed once, on first use. The reader walks the compiler nodes directly:
 * wrapping every node in a ts-morph object would cost more than the parse itself. While a
 * `DependencyLog` is open (`startLog`), every file a lookup reads or finds missing is noted in it.
 * @internal
 */
export class ModelSources {
  /** Every file parsed so far, by absolute path. */
  readonly #files = new Map<string, ts.SourceFile>();
  readonly #cwd: string;
  readonly #texts: FileTexts;
  readonly #scopes = new Map<ts.SourceFile, FileScope>();
  readonly #resolved = new Map<string, Resolution>();
  /** The model files of this read (absolute paths), parsed only when needed. */
  readonly #listed: readonly string[];
  readonly #listedSet: ReadonlySet<string>;
  readonly #aliases = new PathAliases();
  readonly #exportNames = new Map<string, ReadonlySet<string>>();
  /** The exported names of an unchanged model file, from the cache: that file need not be parsed. */
  readonly #knownExports: ((path: string) => readonly string[] | undefined) | undefined;
  #log: DependencyLog | undefined;

  constructor(cwd: string, listed: readonly string[], texts: FileTexts, knownExports?: (path: string) => readonly string[] | undefined) {
    this.#cwd = cwd;
    this.#knownExports = knownExports;
    this.#texts = texts;
    this.#listed = listed;
    this.#listedSet = new Set(listed);
  }

  /** `startLog` opens a new dependency log: what the lookups from now on depend on. */
  startLog(): DependencyLog {
    return (this.#log = new DependencyLog());
  }

  #parse(abs: string, text: string): ts.SourceFile {
    let file = this.#files.get(abs);
    if (!file) this.#files.set(abs, (file = parseModelFile(abs, text, this.#shown(abs))));
    return file;
  }

  /** `file` parses a listed model file (once). */
  file(abs: string): ts.SourceFile {
    this.#log?.record(abs, true);
    return this.#parseListed(abs);
  }

  /** `isListed` tells whether a file is one of the model files (a class of another file is never a model). */
  isListed(file: ts.SourceFile): boolean {
    return this.#listedSet.has(file.fileName);
  }

  /** `scope` indexes a file's top-level declarations, imports and exports (once). */
  scope(file: ts.SourceFile): FileScope {
    let s = this.#scopes.get(file);
    if (!s) this.#scopes.set(file, (s = fileScope(file)));
    return s;
  }

  /** `exportedNames` are the names under which a file exports a declaration of its own. */
  exportedNames(file: ts.SourceFile): readonly string[] {
    const scope = this.scope(file);
    const names: string[] = [];
    for (const [exported, entry] of scope.exports) {
      if ('local' in entry && scope.names.get(entry.local)?.kind === 'local') names.push(exported);
    }
    return names;
  }

  /** `exportersOf` are the listed files that export a declaration named `name`, in listed order. */
  exportersOf(name: string): string[] {
    return this.#listed.filter((path) => this.#exportsOf(path).has(name));
  }

  #exportsOf(path: string): ReadonlySet<string> {
    let names = this.#exportNames.get(path);
    if (!names) this.#exportNames.set(path, (names = new Set(this.#knownExports?.(path) ?? this.exportedNames(this.#parseListed(path)))));
    return names;
  }

  /** `exportedDeclarations` are the declarations named `name` that the listed files export. */
  exportedDeclarations(name: string): readonly Declaration[] {
    this.#log?.globals.add(name);
    const found: Declaration[] = [];
    for (const path of this.exportersOf(name)) {
      // What the declaration says is read from that file: its text matters, like an import's.
      this.#log?.record(path, true);
      const scope = this.scope(this.#parseListed(path));
      const entry = scope.exports.get(name);
      const binding = entry && 'local' in entry ? scope.names.get(entry.local) : undefined;
      if (binding?.kind === 'local') found.push(binding.node);
    }
    return found;
  }

  #parseListed(path: string): ts.SourceFile {
    const text = this.#texts.read(path);
    if (text === null) throw new Error(`${this.#shown(path)} disappeared while it was being read`);
    return this.#parse(path, text);
  }

  /**
   * `resolveModule` returns the file a relative import names, or a path alias of the project's
   * tsconfig (`@/types/visibility.js`); package imports are not followed.
   */
  resolveModule(from: ts.SourceFile, specifier: string): ts.SourceFile | undefined {
    const key = specifier.startsWith('.') ? resolve(dirname(from.fileName), specifier) : `${dirname(from.fileName)}\0${specifier}`;
    let found = this.#resolved.get(key);
    if (!found) this.#resolved.set(key, (found = specifier.startsWith('.') ? this.#resolveRelative(key) : this.#resolveAlias(from, specifier)));
    this.#log?.replay(found.probes);
    return found.file ?? undefined;
  }

  #resolveRelative(base: string): Resolution {
    const probes = new ProbeRecorder();
    for (const path of candidates(base)) {
      const text = this.#texts.read(path);
      probes.record(path, text !== null);
      if (text !== null) return { file: this.#parse(path, text), probes };
    }
    return { file: null, probes };
  }

  #resolveAlias(from: ts.SourceFile, specifier: string): Resolution {
    const probes = new ProbeRecorder();
    const path = this.#aliases.resolve(from.fileName, specifier, probes);
    const text = path === undefined ? null : this.#texts.read(resolve(path));
    if (path !== undefined) probes.record(resolve(path), text !== null);
    return { file: text === null ? null : this.#parse(resolve(path!), text), probes };
  }

  /** `relativePath` is how errors name a file: relative to the working directory, with `/`. */
  relativePath(file: ts.SourceFile): string {
    return this.#shown(file.fileName);
  }

  #shown(abs: string): string {
    return relative(this.#cwd, abs).split(sep).join('/');
  }
}
