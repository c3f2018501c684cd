// Two models that refer to each other across modules, compiled by tsc as ES modules with
// emitDecoratorMetadata (the NestJS/TypeORM setup), must load in Node (README: Models, Relation<T>):
// `author!: User` makes TypeScript write `__metadata("design:type", User)`, which runs while
// user.js is still waiting for post.js and throws "Cannot access 'User' before initialization";
// `author!: Relation<User>` makes it write `Object`. Both readers then give the same snapshot.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, test } from 'vitest';
import ts from 'typescript';
import { buildSnapshot } from '@tidemark/core';
import { readLoadedModels } from '@tidemark/decorators';
import { readModelFiles } from '../../packages/generator/src/read/index.js';
import { REPO_ROOT } from '../support/project.js';

const user = `import { Auto, Column, HasMany, Key, Model } from '@tidemark/decorators';
import { Post } from './post.js';

@Model()
export class User {
  @Key() @Auto() id!: number;
  @Column() name!: string;
  @HasMany(() => Post) posts!: Post[];
}
`;

const post = (authorType: string) => `import { Auto, BelongsTo, Column, Key, Model } from '@tidemark/decorators';
import type { Relation } from '@tidemark/decorators';
import { User } from './user.js';

@Model({ table: 'blog_posts' })
export class Post {
  @Key() @Auto() id!: number;
  @Column() title!: string;
  @BelongsTo(() => User, { onDelete: 'cascade' }) author!: ${authorType};
  @Column() authorId!: number;
}
`;

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Writes the two models as an ESM package, compiles them with tsc, and returns the folder. */
async function compile(authorType: string): Promise<{ src: string; out: string }> {
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
  const dir = await mkdtemp(join(REPO_ROOT, '.tmp', 'relation-'));
  dirs.push(dir);
  const src = join(dir, 'src');
  const out = join(dir, 'dist');
  await mkdir(src);
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(src, 'user.ts'), user);
  await writeFile(join(src, 'post.ts'), post(authorType));
  const program = ts.createProgram([join(src, 'user.ts'), join(src, 'post.ts')], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, skipLibCheck: true, types: [],
    rootDir: src, outDir: out,
  });
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], 'the models compile cleanly');
  // The compiled files import the decorators module this test uses, so they share its metadata.
  for (const file of await readdir(out)) {
    const path = join(out, file);
    await writeFile(path, (await readFile(path, 'utf8')).replaceAll(`'@tidemark/decorators'`, `'${import.meta.resolve('@tidemark/decorators')}'`));
  }
  return { src, out };
}

/**
 * `importNatively` imports `file` in a child Node process (TypeScript of the workspace packages
 * loaded through tsx, as the CLI does) and resolves with the error it threw, if any.
 */
function importNatively(file: string): Promise<{ name: string; message: string } | undefined> {
  const script = `try { await import(${JSON.stringify(pathToFileURL(file).href)}); }
catch (e) { process.stdout.write(JSON.stringify({ name: e?.constructor?.name, message: String(e?.message) })); }`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`node could not run the import: ${err.message}\n${stderr}`));
      else resolve(stdout.trim() ? JSON.parse(stdout) as { name: string; message: string } : undefined);
    });
  });
}

describe('Relation<T> between models of two modules, compiled with emitDecoratorMetadata as ESM', () => {
  test('without Relation<T> the app crashes at import (what Relation<T> is for)', async () => {
    const { out } = await compile('User');
    assert.match(await readFile(join(out, 'post.js'), 'utf8'), /__metadata\("design:type", User\)/);
    // Imported by Node itself, in a child process: vitest's module runner links modules its own way
    // and would not show what an application started with `node` meets.
    const error = await importNatively(join(out, 'user.js'));
    assert.equal(error?.name, 'ReferenceError', JSON.stringify(error));
    assert.match(error!.message, /Cannot access 'User' before initialization/);
  });

  test('with Relation<T> it loads, and both readers give the same snapshot', async () => {
    const { src, out } = await compile('Relation<User>');
    assert.match(await readFile(join(out, 'post.js'), 'utf8'), /__metadata\("design:type", Object\)/);
    const { User } = (await import(pathToFileURL(join(out, 'user.js')).href)) as { User: Function };
    const { Post } = (await import(pathToFileURL(join(out, 'post.js')).href)) as { Post: Function };
    const atRunTime = buildSnapshot(readLoadedModels([User, Post]));
    const statically = buildSnapshot(readModelFiles([join(src, 'user.ts'), join(src, 'post.ts')]));
    assert.deepStrictEqual(atRunTime.snapshot, statically.snapshot);
    const posts = statically.snapshot.tables.find((t) => t.name === 'blog_posts')!;
    assert.deepEqual(posts.foreignKeys.map((fk) => [fk.columns, fk.referencedTable, fk.onDelete]), [[['author_id'], 'users', 'cascade']]);
  });
});
