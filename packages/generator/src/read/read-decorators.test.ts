import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { HEADER, lineOf, readProperty, readSources } from './__fixtures__/read-sources.js';

const POST = '@Model() export class Post { @Key() id!: number; }\n';
const flags = (declaration: string, before = POST) => {
  const { name, line, type, optional, ...rest } = readProperty(declaration, before);
  void name; void line; void type; void optional;
  return rest;
};

describe('readModelFiles: decorators', () => {
  it('reads the property flags', () => {
    assert.deepEqual(flags('@Key() @Auto() a!: number;'), { key: true, auto: true });
    assert.deepEqual(flags('@Unique() a!: string;'), { unique: true });
    assert.deepEqual(flags('@Index() a!: string;'), { index: true });
    assert.deepEqual(flags('@Ignore() a!: Map<string, string>;'), { ignore: true });
  });

  it('reads @Column options', () => {
    assert.deepEqual(
      flags("@Column({ name: 'a_col', type: 'text', length: 9, precision: 4, scale: 1, nullable: true, renamedFrom: 'old' }) a!: string;"),
      { column: { name: 'a_col', type: 'text', length: 9, precision: 4, scale: 1, nullable: true, renamedFrom: 'old' } },
    );
    assert.deepEqual(flags('@Column() a!: string;'), { column: {} });
  });

  it('reads @Default: literals, negative numbers, enum members and Default.now', () => {
    assert.deepEqual(flags("@Default('x') a!: string;"), { default: 'x' });
    assert.deepEqual(flags('@Default(-1) a!: number;'), { default: -1 });
    assert.deepEqual(flags('@Default(false) a!: boolean;'), { default: false });
    assert.deepEqual(flags('@Default(Role.B) a!: Role;', "enum Role { A = 'a', B = 'b' }"), { default: 'b' });
    assert.deepEqual(flags('@Default(Default.now) a!: Date;'), { default: { fn: 'now' } });
    assert.deepEqual(flags('@tm.Default(tm.Default.now) a!: Date;', "import * as tm from '@tidemark/decorators';"), { default: { fn: 'now' } });
  });

  it('reads relations: target, options, and the target\'s declared name behind an import alias', () => {
    assert.deepEqual(flags("@BelongsTo(() => Post, { key: 'postRef', onDelete: 'cascade', onUpdate: 'set null' }) post!: Post;"), {
      relation: { kind: 'belongsTo', target: 'Post', options: { key: 'postRef', onDelete: 'cascade', onUpdate: 'set null' } },
    });
    assert.deepEqual(flags('@HasMany(() => Post) posts!: Post[];'), { relation: { kind: 'hasMany', target: 'Post' } });
    assert.deepEqual(flags('@HasOne(() => Post) post?: Post;'), { relation: { kind: 'hasOne', target: 'Post' } });
    const files = { 'post.ts': POST };
    const p = readProperty('@BelongsTo(() => Article) post!: Article;', "import { Post as Article } from './post.js';", files);
    assert.deepEqual(p.relation, { kind: 'belongsTo', target: 'Post' });
    // `nullable` makes the undeclared foreign key column nullable, like `?`.
    assert.equal(readProperty('@BelongsTo(() => Post, { nullable: true }) post!: Post;', POST).optional, true);
  });

  it('takes literal initializers as defaults, leaves values made at run time alone, and refuses computed ones', () => {
    const init = (declaration: string, before = '') => readProperty(declaration, before).initializer;
    assert.equal(init('a: boolean = true;'), true);
    assert.equal(init('a: number = 0;'), 0);
    assert.equal(init('a: number = -1;'), -1);
    assert.equal(init("a: string = 'x';"), 'x');
    assert.equal(init("a: 'x' | 'y' = 'y' as const;"), 'y');
    assert.equal(init("a: Role = Role.Member;", "enum Role { Admin = 'admin', Member = 'member' }"), 'member');
    assert.equal(init('a: Date = new Date();'), undefined);
    assert.equal(init('a: number = Date.now();'), undefined);
    // a constant's name is a value only running the code gives: an error, never a silent "no default"
    assert.throws(() => init('a: number = LIMIT;', 'const LIMIT = 5;'), /:\d+:\d+ \(.*\.a\): the initializer `LIMIT` is computed/);
    assert.equal(init('a?: number = undefined;'), undefined);
  });

  it('reads @Model options and class @Index decorators in source order, with their lines', () => {
    const source = `${HEADER}@Model({ table: 'people', renamedFrom: 'persons' })
@Index(['a', 'b'])
@Index(['b'], { unique: true, name: 'uq_b' })
export class Person {
  @Key() id!: number;
  a!: string;
  b!: string;
}
`;
    const [m] = readSources({ 'models/person.ts': source });
    assert.deepEqual({ ...m, properties: m!.properties.map((p) => p.name) }, {
      className: 'Person',
      file: 'models/person.ts',
      line: lineOf(source, 'class Person'),
      table: 'people',
      renamedFrom: 'persons',
      indexes: [
        { properties: ['a', 'b'], line: lineOf(source, "@Index(['a'") },
        { properties: ['b'], unique: true, name: 'uq_b', line: lineOf(source, "@Index(['b']") },
      ],
      properties: ['id', 'a', 'b'],
    });
  });

  it('recognizes @Model under another name, through a namespace, and through a relative barrel', () => {
    const files = {
      'a.ts': "import { Model as Entity, Key } from '@tidemark/decorators';\n@Entity() export class A { @Key() id!: number; }\n",
      'b.ts': "import * as tm from '@tidemark/decorators';\n@tm.Model() export class B { @tm.Key() id!: number; }\n",
      'db.ts': "export * from '@tidemark/decorators';\n",
      'c.ts': "import { Model, Key } from './db.js';\n@Model() export class C { @Key() id!: number; }\n",
    };
    assert.deepEqual(readSources(files, ['a.ts', 'b.ts', 'c.ts']).map((m) => [m.className, m.properties[0]!.key]), [['A', true], ['B', true], ['C', true]]);
  });

  it('skips classes without @Model, other libraries\' decorators, and members that are not columns', () => {
    const source = `import { Entity, Column as OrmColumn } from 'typeorm';
${HEADER}@Entity() export class NotOurs { id!: number; }
export class Plain { id!: number; }
@Model() export class Ours {
  @Key() id!: number;
  @OrmColumn() name!: string;
  static table = 'x';
  #secret = 1;
  get upper(): string { return this.name.toUpperCase(); }
  rename(): void {}
}
`;
    const models = readSources({ 'm.ts': source });
    assert.deepEqual(models.map((m) => [m.className, m.properties.map((p) => [p.name, Object.keys(p).length])]), [
      ['Ours', [['id', 5], ['name', 4]]],
    ]);
  });
});
