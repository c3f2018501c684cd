/*
 * Test helper: compiles several model files with TypeScript (legacy decorators and
 * emitDecoratorMetadata, as load-compiled.ts does for one file) into one temp folder, keeping
 * their relative imports (`./base.js`), and imports them, so a base class in another file is
 * loaded as a user's build would load it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MODEL_METADATA_KEY } from '@tidemark/decorators';
import { classesOf, compileModels } from '../../packages/decorators/src/__fixtures__/load-compiled.js';

/** `loadModelFiles` compiles `paths` and imports `entries` of them in order; returns the exported `@Model` classes. */
export async function loadModelFiles(paths: readonly string[], entries: readonly string[] = paths): Promise<Function[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tidemark-inherit-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  for (const path of paths) writeFileSync(join(dir, basename(path).replace(/\.ts$/, '.js')), compileModels(readFileSync(path, 'utf8'), 'legacy+metadata'));
  const classes = new Set<Function>();
  for (const entry of entries) {
    const module = (await import(pathToFileURL(join(dir, basename(entry).replace(/\.ts$/, '.js'))).href)) as Record<string, unknown>;
    for (const c of classesOf(module)) classes.add(c);
  }
  const reflect = Reflect as unknown as { getOwnMetadata(key: string, target: object): { model?: object } | undefined };
  return [...classes].filter((c) => reflect.getOwnMetadata(MODEL_METADATA_KEY, c)?.model !== undefined);
}
