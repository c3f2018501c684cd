// A type imported through the project's tsconfig `paths` (README: Models) is read like the same
// import written as a relative path; the fixture's tsconfig has comments, trailing commas and
// `extends`, as tsconfig files do.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { buildSnapshot, isTidemarkError } from '@tidemark/core';
import { readModelFiles } from './read-model-files.js';

const cwd = fileURLToPath(new URL('./__fixtures__/paths/', import.meta.url));

describe('tsconfig paths', () => {
  it('resolve an aliased type import as the relative import does', () => {
    const { snapshot } = buildSnapshot(readModelFiles(['src/models/post.ts'], { cwd }));
    const columns = snapshot.tables[0]!.columns;
    const values = ['public', 'unlisted', 'private'];
    assert.deepEqual(columns.find((c) => c.name === 'visibility'), { name: 'visibility', type: 'enum', nullable: false, values });
    assert.deepEqual(columns.find((c) => c.name === 'previous'), { name: 'previous', type: 'enum', nullable: true, values });
  });

  it('without the alias in the tsconfig, the aliased type is still an error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tidemark-paths-'));
    try {
      mkdirSync(join(dir, 'src', 'models'), { recursive: true });
      mkdirSync(join(dir, 'src', 'types'), { recursive: true });
      writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true } }');
      writeFileSync(join(dir, 'src', 'types', 'visibility.ts'), "export type Visibility = 'public' | 'private';\n");
      writeFileSync(join(dir, 'src', 'models', 'post.ts'), [
        "import { Model, Key } from '@tidemark/decorators';",
        "import type { Visibility } from '@/types/visibility.js';",
        '@Model() export class Post { @Key() id!: number; visibility!: Visibility; }',
      ].join('\n'));
      assert.throws(() => buildSnapshot(readModelFiles(['src/models/post.ts'], { cwd: dir })),
        (e: unknown) => isTidemarkError(e, 'TM_MODEL_INVALID') && /cannot map type `Visibility`/.test(e.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
