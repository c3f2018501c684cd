import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { ts } from 'ts-morph';
import { parseModelFile } from './parse-model-file.js';
import { fileScope, type Declaration, type FileScope } from './file-scope.js';
import { PathAliases } from './path-aliases.js';

// How a relative specifier maps to files, in the order TypeScript's NodeNext/bundler resolution tries them.
function candidates(base: string): string[] {
  const swap = (from: string, to: string[]) => (base.endsWith(from) ? to.map((ext) => base.slice(0, -from.length) + ext) : undefined);
  return (
    swap('.js', ['.ts', '.tsx', '.d.ts']) ?? swap('.mjs', ['.mts', '.d.mts']) ?? swap('.cjs', ['.cts', '.d.cts']) ??
    (/\.[cm]?tsx?$/.test(base) ? [base] : ['.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx'].map((ext) => base + ext))
  );
}

/**
 * `ModelSources` owns the source files of one read, in one map of parsed files: each file is parsed
 * once, whether it was listed or reached through a relative import, and its scope (declarations,
 * imports, exports) is indexed once, on first use. The reader walks the compiler nodes directly:
 * wrapping every node in a ts-morph object would cost more than the parse itself.
 * @internal
 */
export class ModelSources {
  /** Every file parsed so far, by absolute path. */
  readonly #files = new Map<string, ts.SourceFile>();
  readonly #cwd: string;
  readonly #scopes = new Map<ts.SourceFile, FileScope>();
  readonly #resolved = new Map<string, ts.SourceFile | null>();
  readonly #listed = new Set<ts.SourceFile>();
  readonly #aliases = new PathAliases();
  #exported: Map<string, Declaration[]> | undefined;

  constructor(cwd: string) {
    this.#cwd = cwd;
  }

  #parse(abs: string): ts.SourceFile {
    let file = this.#files.get(abs);
    if (!file) this.#files.set(abs, (file = parseModelFile(abs, this.#shown(abs))));
    return file;
  }

  /** `add` parses a listed model file (once). */
  add(path: string): ts.SourceFile {
    const abs = resolve(this.#cwd, path);
    const file = this.#parse(abs);
    this.#listed.add(file);
    this.#exported = undefined;
    return file;
  }

  /** `listed` are the model files, in the order they were added. */
  get listed(): readonly ts.SourceFile[] {
    return [...this.#listed];
  }

  /** `scope` indexes a file's top-level declarations, imports and exports (once). */
  scope(file: ts.SourceFile): FileScope {
    let s = this.#scopes.get(file);
    if (!s) this.#scopes.set(file, (s = fileScope(file)));
    return s;
  }

  /** `exportedDeclarations` are the declarations named `name` that the listed files export. */
  exportedDeclarations(name: string): readonly Declaration[] {
    if (!this.#exported) {
      const index = new Map<string, Declaration[]>();
      for (const file of this.#listed) {
        const scope = this.scope(file);
        for (const [exported, entry] of scope.exports) {
          const binding = 'local' in entry ? scope.names.get(entry.local) : undefined;
          if (binding?.kind === 'local') index.set(exported, [...(index.get(exported) ?? []), binding.node]);
        }
      }
      this.#exported = index;
    }
    return this.#exported.get(name) ?? [];
  }

  /**
   * `resolveModule` returns the file a relative import names, or a path alias of the project's
   * tsconfig (`@/types/visibility.js`); package imports are not followed.
   */
  resolveModule(from: ts.SourceFile, specifier: string): ts.SourceFile | undefined {
    if (!specifier.startsWith('.')) {
      const key = `${dirname(from.fileName)}\0${specifier}`;
      if (!this.#resolved.has(key)) {
        const path = this.#aliases.resolve(from.fileName, specifier);
        this.#resolved.set(key, path ? this.#files.get(resolve(path)) ?? this.#parse(resolve(path)) : null);
      }
      return this.#resolved.get(key) ?? undefined;
    }
    const base = resolve(dirname(from.fileName), specifier);
    const cached = this.#resolved.get(base);
    if (cached !== undefined) return cached ?? undefined;
    let found: ts.SourceFile | undefined;
    for (const path of candidates(base)) {
      found = this.#files.get(path) ?? (existsSync(path) ? this.#parse(path) : undefined);
      if (found) break;
    }
    this.#resolved.set(base, found ?? null);
    return found;
  }

  /** `relativePath` is how errors name a file: relative to the working directory, with `/`. */
  relativePath(file: ts.SourceFile): string {
    return this.#shown(file.fileName);
  }

  #shown(abs: string): string {
    return relative(this.#cwd, abs).split(sep).join('/');
  }
}
