import type { ts } from 'ts-morph';
import type { Declaration } from './file-scope.js';
import type { ModelSources } from './model-sources.js';

/** `DECORATORS_MODULE` is the package whose exports the reader recognizes. @internal */
export const DECORATORS_MODULE = '@tidemark/decorators';

/** `Resolved` is what a name in a model file stands for. @internal */
export type Resolved =
  | { readonly kind: 'declaration'; readonly node: Declaration }
  /** A named export of @tidemark/decorators (`Model`, `Float`, `Default`...). */
  | { readonly kind: 'tidemark'; readonly name: string }
  | { readonly kind: 'namespace'; readonly file: ts.SourceFile | 'tidemark' };

// Re-export chains are short; the limit only stops a cycle of `export *`.
const MAX_DEPTH = 16;

/**
 * `resolveName` follows a file-level name to its declaration: declared in the file, imported
 * from @tidemark/decorators, or imported from a file reached by a relative import (through its
 * re-exports). With `global`, a name that cannot be followed (no import, or a package import such
 * as a path alias) is looked up among the listed model files' exports, when exactly one declares it.
 * @internal
 */
export function resolveName(sources: ModelSources, file: ts.SourceFile, name: string, global = false, depth = 0): Resolved | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const binding = sources.scope(file).names.get(name);
  if (binding?.kind === 'local') return { kind: 'declaration', node: binding.node };
  const found = binding ? resolveImport(sources, file, binding.module, binding.imported, depth) : undefined;
  if (found || !global) return found;
  const candidates = sources.exportedDeclarations(binding?.imported ?? name);
  return candidates.length === 1 ? { kind: 'declaration', node: candidates[0]! } : undefined;
}

/** `resolveExport` follows the export `name` of `file`. @internal */
export function resolveExport(sources: ModelSources, file: ts.SourceFile, name: string, depth = 0): Resolved | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const scope = sources.scope(file);
  const entry = scope.exports.get(name);
  if (entry) {
    return 'local' in entry
      ? resolveName(sources, file, entry.local, false, depth + 1)
      : resolveImport(sources, file, entry.module, entry.imported, depth + 1);
  }
  for (const module of scope.exportStars) {
    const found = resolveImport(sources, file, module, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** `resolveMember` follows `left.right`, where `left` is a namespace import. @internal */
export function resolveMember(sources: ModelSources, left: Resolved | undefined, right: string): Resolved | undefined {
  if (left?.kind !== 'namespace') return undefined;
  return left.file === 'tidemark' ? { kind: 'tidemark', name: right } : resolveExport(sources, left.file, right);
}

function resolveImport(sources: ModelSources, from: ts.SourceFile, module: string, imported: string, depth: number): Resolved | undefined {
  if (module === DECORATORS_MODULE) return imported === '*' ? { kind: 'namespace', file: 'tidemark' } : { kind: 'tidemark', name: imported };
  const target = sources.resolveModule(from, module);
  if (!target) return undefined;
  return imported === '*' ? { kind: 'namespace', file: target } : resolveExport(sources, target, imported, depth + 1);
}
