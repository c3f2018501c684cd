// Legacy decorators compiled by TypeScript with emitDecoratorMetadata, and reflect-metadata loaded
// first, as a user of the run-time reader would set things up.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError, type PropertyDescription } from '@tidemark/core';
import { classesOf, loadModels } from './__fixtures__/load-compiled.js';
import { MODEL_METADATA_KEY, readLoadedModels, type ReadLoadedModelsOptions } from './index.js';

const HEADER =
  "import { Model, Key, Auto, Column, Unique, Index, Default, BelongsTo, HasMany, HasOne, Ignore } from '@tidemark/decorators';\n" +
  "import type { Float, Decimal, Uuid, Text, Json, Relation } from '@tidemark/decorators';\n";

async function read(body: string, options?: ReadLoadedModelsOptions) {
  const { module, file } = await loadModels({ source: HEADER + body }, 'legacy+metadata');
  return { models: readLoadedModels(classesOf(module), options), classes: classesOf(module), file };
}

async function assertReadError(body: string, where: RegExp, problem: RegExp, options?: ReadLoadedModelsOptions) {
  const { module, file } = await loadModels({ source: HEADER + body }, 'legacy+metadata');
  assert.throws(() => readLoadedModels(classesOf(module), options), (e: unknown) => {
    assert.ok(isTidemarkError(e, 'TM_MODEL_INVALID'), String(e));
    // The file is where @Model() was called, from the stack: here the compiled temp module.
    assert.ok(e.message.startsWith(file), `${e.message} should start with ${file}`);
    assert.match(e.message, where);
    assert.match(e.message, problem);
    return true;
  });
}

const prop = (models: readonly { properties: readonly PropertyDescription[] }[], name: string) =>
  models.flatMap((m) => m.properties).find((p) => p.name === name)!;

describe('readLoadedModels (legacy decorators, emitDecoratorMetadata, reflect-metadata)', () => {
  it('maps design:type to column types', async () => {
    const { models } = await read(`
@Model() export class Author { @Key() @Auto() id!: number; }
@Model() export class Book {
  @Key() @Auto() id!: number;
  @Column() title!: string;
  @Column() inPrint!: boolean;
  @Column() published!: Date;
  @Column() copies!: bigint;
  @Column() tags!: string[];
  @Column() cover!: Uint8Array;
  @Column() author!: Author;
}`);
    const types = Object.fromEntries(models[1]!.properties.map((p) => [p.name, p.type]));
    assert.deepStrictEqual(types, {
      id: { kind: 'scalar', type: 'i32' },
      title: { kind: 'scalar', type: 'string' },
      inPrint: { kind: 'scalar', type: 'boolean' },
      published: { kind: 'scalar', type: 'timestamp' },
      copies: { kind: 'scalar', type: 'i64' },
      tags: { kind: 'scalar', type: 'json' },
      cover: { kind: 'scalar', type: 'bytes' },
      author: { kind: 'model', name: 'Author', array: false },
    });
  });

  it('records in reflect-metadata and names the file and line of @Model()', async () => {
    const { models, classes, file } = await read('\n@Model() export class A { @Key() @Auto() id!: number; }\n');
    assert.ok(Reflect.getOwnMetadata(MODEL_METADATA_KEY, classes[0]!));
    assert.equal(models[0]!.file, file);
    assert.equal(typeof models[0]!.line, 'number');
  });

  it('reads literal initializers from a constructed instance, unless told not to construct', async () => {
    const body = `
enum Role { Admin = 'admin', Member = 'member' }
@Model() export class A {
  @Key() @Auto() id!: number;
  @Column() active: boolean = true;
  @Column() n: number = -1;
  @Column({ enum: Role }) role: Role = Role.Member;
  @Column() big: bigint = 5n;
  @Column() at: Date = new Date();
}`;
    const { models } = await read(body);
    assert.deepEqual(models[0]!.properties.map((p) => p.initializer), [undefined, true, -1, 'member', 5, undefined]);
    assert.deepEqual(prop(models, 'role').type, { kind: 'enum', values: ['admin', 'member'] });
    const lazy = await read(body, { construct: false });
    assert.deepEqual(lazy.models[0]!.properties.map((p) => p.initializer), [undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads relations, with the target\'s class name and nullable', async () => {
    const { models } = await read(`
@Model() export class User { @Key() @Auto() id!: number; @HasMany(() => Post) posts!: Post[]; @HasOne(() => Post) pinned?: Relation<Post>; }
@Model() export class Post {
  @Key() @Auto() id!: number;
  @BelongsTo(() => User, { key: 'writerId', onDelete: 'set null', onUpdate: 'cascade', nullable: true }) writer?: User;
}`);
    assert.deepStrictEqual(prop(models, 'writer'), {
      name: 'writer', type: { kind: 'model', name: 'User', array: false }, optional: true,
      relation: { kind: 'belongsTo', target: 'User', options: { key: 'writerId', onDelete: 'set null', onUpdate: 'cascade' } },
    });
    assert.deepStrictEqual(prop(models, 'posts').relation, { kind: 'hasMany', target: 'Post' });
    assert.deepStrictEqual(prop(models, 'pinned').relation, { kind: 'hasOne', target: 'Post' });
  });

  it('refuses a type that TypeScript erased (brands, `| null` unions, Json<T>), with a hint', async () => {
    await assertReadError('@Model() export class A { @Key() @Auto() id!: number; @Column() rate!: Float; }', /\(A\.rate\)/, /design:type Object: TypeScript erased its type/);
    await assertReadError('@Model() export class A { @Key() @Auto() id!: number; @Column() bio!: string | null; }', /\(A\.bio\)/, /design:type Object/);
    await assertReadError('@Model() export class A { @Key() @Auto() id!: number; @Column() tags!: Json<string[]>; }', /\(A\.tags\)/, /design:type Object/);
  });

  it('refuses what it cannot describe', async () => {
    await assertReadError('@Model() export class A { @Key() @Auto() id!: number; @Column({ type: \'enum\' }) r!: string; }', /\(A\.r\)/, /has no values at run time/);
    await assertReadError('enum N { A, B }\n@Model() export class A { @Key() @Auto() id!: number; @Column({ enum: N }) n!: N; }', /\(A\.n\)/, /numeric enum/);
    await assertReadError('@Model() export class A { @Key() @Auto() id!: number; @Column({ type: \'varchar\' as any }) s!: string; }', /\(A\.s\)/, /not a portable type/);
    await assertReadError('@Model() export class A { @Key() @Auto() id!: number; @BelongsTo(() => undefined as any) b!: object; }', /\(A\.b\)/, /target returned no class/);
    await assertReadError('@Model() export class A { @Key() @Auto() id!: number; loose!: string; }', /\(A\.loose\)/, /has no decorator/);
    // An undecorated field of a base class shows on the instance like one of the model's own.
    await assertReadError('class Base { x = 1 }\n@Model() export class A extends Base { @Key() @Auto() id!: number; }', /\(A\.x\)/, /has no decorator/);
    await assertReadError('@Model() export class A { @Key() @Auto() id!: number; constructor(s: string) { s.trim(); } }', /\(A\)/, /constructing A without arguments failed/);
  });

  it('refuses a class without @Model()', async () => {
    const { module } = await loadModels({ source: `${HEADER}export class Plain { @Key() id!: number; }` }, 'legacy+metadata');
    assert.throws(() => readLoadedModels(classesOf(module)), (e: unknown) => isTidemarkError(e, 'TM_MODEL_INVALID') && /class Plain has no @Model\(\)/.test(e.message));
  });
});
