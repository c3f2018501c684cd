// The static reader's side of base classes (README: Models, "Base classes"): what only syntax can
// tell (a type parameter bound by `extends Base<T>`, a base reached through a tsconfig path alias).
// test/readers/inheritance.test.ts checks both readers agree.
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { buildSnapshot } from '@tidemark/core';
import { assertModelError, HEADER, lineOf, readSources } from './__fixtures__/read-sources.js';

const columnsOf = (files: Record<string, string>, listed: string[], table: string) =>
  buildSnapshot(readSources(files, listed)).snapshot.tables.find((t) => t.name === table)!.columns;

describe('base classes, statically', () => {
  it('bind a generic base class type parameters to the subclass type arguments, through several levels and defaults', () => {
    const base =
      "import { Key, Column } from '@tidemark/decorators';\n" +
      "import type { Uuid } from '@tidemark/decorators';\n" +
      'export abstract class Keyed<K, S = Uuid> {\n  @Key() id!: K;\n  serial!: S;\n  tags?: K[] | null;\n}\n' +
      'export abstract class Named<T, K> extends Keyed<K> {\n  label!: T;\n}\n';
    const model = `${HEADER}import { Named } from './base.js';\n@Model() export class Thing extends Named<'a' | 'b', bigint> {\n  size!: number;\n}\n`;
    const columns = columnsOf({ 'base.ts': base, 'thing.ts': model }, ['thing.ts'], 'things');
    assert.deepEqual(columns, [
      { name: 'id', type: 'i64', nullable: false },
      { name: 'serial', type: 'uuid', nullable: false },
      { name: 'tags', type: 'json', nullable: true },
      { name: 'label', type: 'enum', nullable: false, values: ['a', 'b'] },
      { name: 'size', type: 'i32', nullable: false },
    ]);
  });

  it('follow a base class imported through a tsconfig path alias, and a base with @Model as its own table', () => {
    const files = {
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }',
      'src/shared/base.ts': `${HEADER}@Model() export class Entity {\n  @Key() @Auto() id!: number;\n  @Default(Default.now) createdAt!: Date;\n}\n`,
      'src/models/post.ts': `${HEADER}import { Entity } from '@/shared/base.js';\n@Model() export class Post extends Entity {\n  title!: string;\n}\n`,
    };
    const { snapshot } = buildSnapshot(readSources(files, ['src/shared/base.ts', 'src/models/post.ts']));
    assert.deepEqual(snapshot.tables.map((t) => [t.name, t.columns.map((c) => c.name)]).sort(), [
      ['entities', ['id', 'created_at']],
      ['posts', ['id', 'created_at', 'title']],
    ]);
  });

  it('read a base class that is not listed and not a model as no table', () => {
    const files = {
      'base.ts': "import { Key } from '@tidemark/decorators';\nexport class Base {\n  @Key() id!: number;\n}\n",
      'user.ts': `${HEADER}import { Base } from './base.js';\n@Model() export class User extends Base {\n  name!: string;\n}\n`,
    };
    assert.deepEqual(buildSnapshot(readSources(files)).snapshot.tables.map((t) => t.name), ['users']);
  });

  it('refuse an inheritance cycle at the extends clause', () => {
    const body = `${HEADER}class A extends B { name!: string; }\nclass B extends A { other!: string; }\n@Model() export class U extends A {\n  @Key() id!: number;\n}\n`;
    assertModelError(() => readSources({ 'u.ts': body }), `u.ts:${lineOf(body, 'A { other')} (U)`, /class B extends itself through A/);
  });
});
