import { relative } from 'node:path';
import type { TsconfigOptions } from './read-tsconfig.js';

/** `TsconfigAdvice` is what `tidemark init` tells about the project's tsconfig; it never edits the file. */
export interface TsconfigAdvice {
  /** The tsconfig read, relative to the project folder, or `null` when there is none. */
  readonly file: string | null;
  readonly experimentalDecorators: boolean;
  readonly emitDecoratorMetadata: boolean;
  /** One line each, for the user to act on or ignore. */
  readonly notes: readonly string[];
}

const RUN_TIME = '"experimentalDecorators": true and "emitDecoratorMetadata": true';

/**
 * `tsconfigAdvice` says which compiler options the models need (README: Models): none for the
 * static reader that `migrate:generate` uses (it reads syntax; @tidemark/decorators works with
 * TypeScript 5's standard decorators and with `experimentalDecorators`), and
 * `experimentalDecorators` + `emitDecoratorMetadata` only for reading loaded classes with
 * `readLoadedModels`. It also names the one trap of `emitDecoratorMetadata`: a relation typed
 * with a class from another module throws at import unless it is wrapped in `Relation<T>`.
 */
export function tsconfigAdvice(root: string, tsconfig: TsconfigOptions | undefined): TsconfigAdvice {
  const options = tsconfig?.compilerOptions ?? {};
  const experimental = options.experimentalDecorators === true;
  const metadata = options.emitDecoratorMetadata === true;
  const notes: string[] = ['migrate:generate reads the models statically and needs no compiler option'];
  if (!tsconfig) {
    notes.push('no tsconfig.json here: the models compile with TypeScript 5\'s standard decorators (no option); '
      + `to read loaded classes with readLoadedModels instead, create one with ${RUN_TIME}`);
  } else {
    const name = relative(root, tsconfig.file) || 'tsconfig.json';
    notes.push(experimental
      ? `${name} has experimentalDecorators: the models use legacy decorators, which @tidemark/decorators supports`
      : `${name} has no experimentalDecorators: the models use TypeScript 5's standard decorators, which @tidemark/decorators supports`);
    if (metadata && !experimental) notes.push(`${name} sets emitDecoratorMetadata without experimentalDecorators, which TypeScript refuses (TS5052): add "experimentalDecorators": true or remove it`);
    notes.push(experimental && metadata
      ? 'readLoadedModels (reading loaded classes) can see column types: import \'reflect-metadata\' before the models'
      : `only to read loaded classes with readLoadedModels: add ${RUN_TIME} and import 'reflect-metadata' before the models`);
    if (metadata) notes.push('emitDecoratorMetadata is on: type each relation to a model of another file as Relation<T> (`author!: Relation<User>`), or an ES-module app throws "Cannot access \'User\' before initialization" when it loads them');
    for (const file of tsconfig.unreadable) notes.push(`could not read ${file} (from "extends"): its options are not checked`);
  }
  return { file: tsconfig ? relative(root, tsconfig.file) || 'tsconfig.json' : null, experimentalDecorators: experimental, emitDecoratorMetadata: metadata, notes };
}
