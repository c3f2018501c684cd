// The run-time reader names the file a model was written in (README: Models). With the package's
// source maps enabled, V8 names `src/*.ts` files of an installed `dist/` package: those frames
// are Tidemark's too and must be skipped, whatever their number (issue: the reader reported
// `node_modules/@tidemark/decorators/src/call-site.ts:22 (User.id)`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, test } from 'vitest';
import ts from 'typescript';
import { firstForeignFrame } from './call-site.js';

const PKG = '/app/node_modules/@tidemark/decorators/';

describe('firstForeignFrame', () => {
  test('skips every frame of the package, in dist/ or (source-mapped) in src/, and of other Tidemark packages', () => {
    const stack = [
      'Error',
      `    at callSite (${PKG}src/call-site.ts:22:17)`,
      `    at Model (file://${PKG}dist/model.js:16:16)`,
      '    at wrap (/app/node_modules/@tidemark/other/dist/index.js:3:3)',
      '    at file:///app/dist/models/user.js:5:2',
      '    at ModuleJob.run (node:internal/modules/esm/module_job:271:25)',
    ].join('\n');
    assert.deepEqual(firstForeignFrame(stack, PKG), { file: '/app/dist/models/user.js', line: 5 });
  });

  test('takes the first frame outside the package, also on Windows paths', () => {
    const stack = [
      'Error',
      '    at callSite (C:\\app\\node_modules\\@tidemark\\decorators\\src\\call-site.ts:22:17)',
      '    at Object.<anonymous> (C:\\app\\src\\models\\user.ts:7:1)',
    ].join('\n');
    assert.deepEqual(firstForeignFrame(stack, 'C:/app/node_modules/@tidemark/decorators/'), { file: 'C:\\app\\src\\models\\user.ts', line: 7 });
    assert.equal(firstForeignFrame(`Error\n    at callSite (${PKG}src/call-site.ts:1:1)\n    at node:internal/x:1:1`, PKG), undefined);
  });
});

describe('call site of a compiled model, with the installed package\'s source maps enabled', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  mkdirSync(join(root, '.tmp'), { recursive: true });
  // Under the repository, so the fake install's `@tidemark/core` import resolves to the workspace's.
  const dir = mkdtempSync(join(root, '.tmp', 'call-site-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('names the user\'s model file and line, not a file inside @tidemark/decorators', () => {
    // This package as npm installs it: dist/ with source maps pointing at src/.
    const pkg = join(dir, 'node_modules', '@tidemark', 'decorators');
    const here = dirname(fileURLToPath(import.meta.url));
    const src = join(pkg, 'src');
    mkdirSync(src, { recursive: true });
    for (const f of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) copyFileSync(join(here, f), join(src, f));
    const files = readdirSync(src).map((f) => join(src, f));
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@tidemark/decorators', type: 'module', exports: './dist/index.js' }));
    const compile = (names: string[], rootDir: string, outDir: string, experimentalDecorators: boolean) => {
      const emitted = ts.createProgram(names, {
        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler,
        sourceMap: true, rootDir, outDir, experimentalDecorators, noResolve: true, noLib: true, types: [],
      }).emit();
      assert.equal(emitted.emitSkipped, false);
    };
    compile(files, src, join(pkg, 'dist'), true);

    const app = join(dir, 'app');
    mkdirSync(join(app, 'models'), { recursive: true });
    writeFileSync(join(app, 'package.json'), '{ "type": "module" }');
    writeFileSync(join(app, 'models', 'user.ts'), [
      "import { Column, Key, Model } from '@tidemark/decorators';",
      '',
      '// the model',
      '@Model()',
      'export class User {',
      "  @Key() @Column({ type: 'i32' }) id!: number;",
      '}',
      '',
    ].join('\n'));
    compile([join(app, 'models', 'user.ts')], app, app, true);
    writeFileSync(join(app, 'main.js'), [
      "import { readLoadedModels } from '@tidemark/decorators';",
      "import { User } from './models/user.js';",
      'const [user] = readLoadedModels([User]);',
      'console.log(JSON.stringify({ file: user.file, line: user.line }));',
    ].join('\n'));
    const printed = execFileSync(process.execPath, ['--enable-source-maps', 'main.js'], { cwd: app, encoding: 'utf8' });
    // Source-mapped to the TypeScript the user wrote: the line of `@Model()`.
    assert.deepEqual(JSON.parse(printed), { file: 'models/user.ts', line: 4 });
  });
});
