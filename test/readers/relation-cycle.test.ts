// Two models that refer to each other across modules, compiled by tsc as ES modules with
// emitDecoratorMetadata (the NestJS/TypeORM setup), must load in Node (README: Models, Relation<T>):
// `author!: User` makes TypeScript write `__metadata("design:type", User)`, which runs while
// user.js is still waiting for post.js and throws "Cannot access 'User' before initialization";
// `author!: Relation<User>` makes it write `Object`. Both readers then give the same snapshot.
import 'reflect-metadata';
import assert from 'node:assert/strict';
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

describe('Relation<T> between models of two modules, compiled with emitDecoratorMetadata as ESM', () => {
  test('without Relation<T> the app crashes at import (what Relation<T> is for)', async () => {
    const { out } = await compile('User');
    assert.match(await readFile(join(out, 'post.js'), 'utf8'), /__metadata\("design:type", User\)/);
    await assert.rejects(import(pathToFileURL(join(out, 'user.js')).href), (e: Error) =>
      e instanceof ReferenceError && /Cannot access 'User' before initialization/.test(e.message));
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
