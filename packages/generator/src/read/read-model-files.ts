import type { ModelDescription } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { decoratorsOf, tidemarkDecorator } from './decorator-name.js';
import { refuseUnknownDecorator } from './unknown-decorator.js';
import { describeModel } from './describe-model.js';
import { ModelSources } from './model-sources.js';
import { isModelClass } from './read-class-decorators.js';

/** `ReadModelFilesOptions` tune `readModelFiles`. */
export interface ReadModelFilesOptions {
  /** Resolves relative file paths; errors name files relative to it. Default: `process.cwd()`. */
  readonly cwd?: string;
}

/**
 * `readModelFiles` reads the `@Model` classes of TypeScript files statically (syntax trees from
 * one ts-morph project; nothing is executed or type-checked) and describes them for
 * `buildSnapshot`. Each file is parsed once, also a file reached through a relative import while
 * resolving a type alias or an enum. A model it cannot read (a non-literal decorator argument, a
 * numeric enum, ...) is TM_MODEL_INVALID naming the file (relative to `cwd`), line and property.
 * @example
 * ```ts
 * const files = findModelFiles(cwd, ['src/models/**\/*.ts']);
 * const { snapshot, hints } = buildSnapshot(readModelFiles(files, { cwd }));
 * ```
 */
export function readModelFiles(files: readonly string[], options: ReadModelFilesOptions = {}): ModelDescription[] {
  const sources = new ModelSources(options.cwd ?? process.cwd());
  for (const f of files) sources.add(f);
  // First every model class of every file, so a property typed `User` knows whether User is a model.
  const models: ts.ClassDeclaration[] = [];
  for (const file of sources.listed) {
    for (const st of file.statements) {
      if (!tsc.isClassDeclaration(st) || decoratorsOf(st).length === 0) continue;
      const where = { sources, model: st.name?.text ?? 'default' };
      if (isModelClass(st, where)) models.push(st);
      // A misspelt `@Modle()` must not make the class, and so its table, disappear.
      else for (const d of decoratorsOf(st)) if (!tidemarkDecorator(d, where)) refuseUnknownDecorator(d, where);
    }
  }
  const modelSet = new Set(models);
  const isModel = (c: ts.ClassDeclaration) => modelSet.has(c);
  return models.map((cls) => describeModel(cls, sources, isModel));
}
