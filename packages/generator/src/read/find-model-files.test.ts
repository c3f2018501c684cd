import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { writeSources } from './__fixtures__/read-sources.js';
import { findModelFiles } from './find-model-files.js';

describe('findModelFiles', () => {
  it('lists matching files as sorted absolute paths, without declaration files or node_modules', () => {
    const cwd = writeSources({
      'src/models/z.ts': '', 'src/models/a.ts': '', 'src/models/nested/m.ts': '', 'src/models/types.d.ts': '',
      'src/other.ts': '', 'node_modules/pkg/src/models/x.ts': '',
    });
    assert.deepEqual(findModelFiles(cwd, ['src/models/**/*.ts', '**/models/*.ts']), [
      join(cwd, 'src/models/a.ts'), join(cwd, 'src/models/nested/m.ts'), join(cwd, 'src/models/z.ts'),
    ]);
    assert.deepEqual(findModelFiles(cwd, ['nothing/**/*.ts']), []);
  });
});
