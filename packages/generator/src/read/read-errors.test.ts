import { describe, it } from 'vitest';
import { buildSnapshot } from '@tidemark/core';
import { assertModelError, HEADER, lineOf, readSources } from './__fixtures__/read-sources.js';

const FILE = 'models/shop.ts';
/** Reads `body` (after the imports) as models/shop.ts and builds the snapshot. */
const build = (body: string, files: Record<string, string> = {}) => () => buildSnapshot(readSources({ [FILE]: HEADER + body, ...files }, [FILE]));
/** The `file:line` of `needle` in that file. */
const at = (body: string, needle: string) => `${FILE}:${lineOf(HEADER + body, needle)}`;
/** The `file:line:col` of `needle` in that file: where an expression the reader cannot evaluate starts. */
const atColumn = (body: string, needle: string) => {
  const text = HEADER + body;
  const start = text.indexOf(needle);
  return `${at(body, needle)}:${start - text.lastIndexOf('\n', start - 1)}`;
};

describe('readModelFiles + buildSnapshot: every error is TM_MODEL_INVALID naming file, line and property', () => {
  it('an unknown type', () => {
    const body = '@Model() export class User {\n  @Key() id!: number;\n  meta!: Map<string, string>;\n}\n';
    assertModelError(build(body), `${at(body, 'meta!')} (User.meta)`, /cannot map type `Map<string, string>`/);
  });

  it('a class type that is not a model', () => {
    const body = 'class Address { street!: string }\n@Model() export class User {\n  @Key() id!: number;\n  address!: Address;\n}\n';
    assertModelError(build(body), `${at(body, 'address!')} (User.address)`, /cannot map type `Address`/);
  });

  it('a key on a relation', () => {
    const body = '@Model() export class Post { @Key() id!: number; }\n@Model() export class Tag {\n  @Key() @BelongsTo(() => Post) post!: Post;\n}\n';
    assertModelError(build(body), `${at(body, 'post!')} (Tag.post)`, /@Key\(\) cannot be put on a relation/);
  });

  it('two models on one table', () => {
    const body = "@Model() export class User { @Key() id!: number; }\n@Model({ table: 'users' })\nexport class Person { @Key() id!: number; }\n";
    assertModelError(build(body), `${at(body, 'class Person')} (Person)`, /models User and Person both map to table users/);
  });

  it('a @BelongsTo to a class that is not a model', () => {
    const body = 'export class Plain { id!: number; }\n@Model() export class Post {\n  @Key() id!: number;\n  @BelongsTo(() => Plain) plain!: Plain;\n}\n';
    assertModelError(build(body), `${at(body, 'plain!')} (Post.plain)`, /relation target Plain is not a model/);
  });

  it('a non-literal decorator argument, at the argument', () => {
    const body = 'const MAX = 80;\n@Model() export class User {\n  @Key() id!: number;\n  @Column({\n    length: MAX,\n  }) name!: string;\n}\n';
    assertModelError(build(body), `${atColumn(body, 'MAX,')} (User.name)`, /@Column argument `MAX` is not a literal/);
    const onClass = "const T = 'people';\n@Model({ table: T })\nexport class User { @Key() id!: number; }\n";
    assertModelError(build(onClass), `${atColumn(onClass, 'T }')} (User)`, /@Model argument `T` is not a literal/);
    const spread = "const base = {};\n@Model() export class User {\n  @Key() id!: number;\n  @Column({ ...base }) a!: string;\n}\n";
    assertModelError(build(spread), `${atColumn(spread, '...base')} (User.a)`, /@Column argument `...base` is not a literal/);
    const call = '@Model() export class User {\n  @Key() id!: number;\n  @Default(Date.now()) at!: number;\n}\n';
    assertModelError(build(call), `${atColumn(call, 'Date.now()')} (User.at)`, /@Default argument `Date.now\(\)` is not a literal/);
  });

  it('an expression the reader cannot evaluate is named at its line and column, with a code frame under it', () => {
    const sum = '@Model() export class User {\n  @Key() id!: number;\n  @Column({ length: 10 + 5 }) name!: string;\n}\n';
    assertModelError(build(sum), `${atColumn(sum, '10 + 5')} (User.name)`, /@Column argument `10 \+ 5` is not a literal\n {2}\d+ \|   @Key\(\) id!: number;\n> \d+ \|   @Column\(\{ length: 10 \+ 5 \}\) name!: string;\n {2}\s+\| {21}\^{6}$/);
    const computed = '@Model() export class User {\n  @Key() id!: number;\n  count: number = 10 + 5;\n}\n';
    assertModelError(build(computed), `${atColumn(computed, '10 + 5')} (User.count)`, /the initializer `10 \+ 5` is computed/);
    const template = "const v = 1;\n@Model() export class User {\n  @Key() id!: number;\n  label: string = `v${v}`;\n}\n";
    assertModelError(build(template), `${atColumn(template, '`v$')} (User.label)`, /the initializer `.v\$\{v\}.` is computed/);
  });

  it('a numeric enum, at the property, naming the enum', () => {
    const body = 'enum Level { Low, High }\n@Model() export class User {\n  @Key() id!: number;\n  level!: Level;\n}\n';
    assertModelError(build(body), `${at(body, 'level!')} (User.level)`, new RegExp(`enum Level \\(${at(body, 'enum Level')}\\) is a numeric enum`));
    const mixed = "enum Mixed { A = 'a', B = 1 }\n@Model() export class User {\n  @Key() id!: number;\n  @Column({ enum: Mixed }) m!: Mixed;\n}\n";
    assertModelError(build(mixed), `${at(mixed, 'Mixed }')} (User.m)`, /enum Mixed .* is a numeric enum/);
  });

  it('@Auto on a string', () => {
    const body = '@Model() export class User {\n  @Key() @Auto() id!: string;\n}\n';
    assertModelError(build(body), `${at(body, 'id!')} (User.id)`, /@Auto\(\) needs a number or bigint property/);
  });

  it('@Index naming an unknown property, at the @Index', () => {
    const body = "@Model()\n@Index(['name', 'nmae'])\nexport class User {\n  @Key() id!: number;\n  name!: string;\n}\n";
    assertModelError(build(body), `${at(body, '@Index(')} (User)`, /@Index names unknown property nmae/);
  });

  it('a model without @Key', () => {
    const body = '@Model()\nexport class User {\n  name!: string;\n}\n';
    assertModelError(build(body), `${at(body, 'class User')} (User)`, /model User has no @Key\(\)/);
  });

  it('misused decorators', () => {
    const unknownOption = "@Model() export class U {\n  @Key() id!: number;\n  @Column({ lenght: 3 }) a!: string;\n}\n";
    assertModelError(build(unknownOption), `${at(unknownOption, '{ lenght')} (U.a)`, /@Column has no option `lenght`/);
    const badType = "@Model() export class U {\n  @Key() id!: number;\n  @Column({ type: 'varchar' }) a!: string;\n}\n";
    assertModelError(build(badType), `${at(badType, "{ type: 'varchar'")} (U.a)`, /option `type` must be a portable type/);
    const uncalled = '@Model() export class U {\n  @Key id!: number;\n}\n';
    assertModelError(build(uncalled), `${at(uncalled, '@Key')} (U.id)`, /@Key must be called/);
    const indexArgs = "@Model() export class U {\n  @Key() id!: number;\n  @Index(['a']) a!: string;\n}\n";
    assertModelError(build(indexArgs), `${at(indexArgs, '@Index')} (U.a)`, /@Index\(columns\) belongs on the class/);
    const thunk = '@Model() export class P { @Key() id!: number; }\n@Model() export class U {\n  @Key() id!: number;\n  @BelongsTo(P) p!: P;\n}\n';
    assertModelError(build(thunk), `${at(thunk, 'P) p!')} (U.p)`, /@BelongsTo needs its target as `\(\) => Model`/);
  });

  it('a property without a type', () => {
    const untyped = '@Model() export class U {\n  @Key() id!: number;\n  x = compute();\n}\n';
    assertModelError(build(untyped), `${at(untyped, 'x = ')} (U.x)`, /no type annotation and `= compute\(\)` does not tell its type/);
  });

  it('a base class Tidemark cannot read, at the extends clause', () => {
    const fromPackage = "import { BaseEntity } from 'some-orm';\n@Model() export class U extends BaseEntity {\n  @Key() key!: number;\n}\n";
    assertModelError(build(fromPackage), `${at(fromPackage, 'BaseEntity {')} (U)`, /U extends BaseEntity: Tidemark cannot find the source of BaseEntity/);
    const mixin = 'function Timestamped<T>(b: T) { return b; }\nclass Base { @Key() id!: number; }\n@Model() export class U extends Timestamped(Base) {\n  name!: string;\n}\n';
    assertModelError(build(mixin), `${at(mixin, 'Timestamped(Base) {')} (U)`, /`Timestamped\(Base\)` is an expression \(a mixin\?\)/);
    const notAClass = "interface Shape { id: number }\ndeclare const Shape: { new (): Shape };\n@Model() export class U extends Shape {\n  @Key() key!: number;\n}\n";
    assertModelError(build(notAClass), `${at(notAClass, 'Shape {\n  @Key')} (U)`, /U extends Shape: Shape is not a class/);
  });

  it('an error in an inherited property names the base class file and line', () => {
    const base = "import { Key } from '@tidemark/decorators';\nexport abstract class Base {\n  @Key() id!: number;\n  meta!: Map<string, string>;\n}\n";
    const body = "import { Base } from './base.js';\n@Model() export class U extends Base {\n  name!: string;\n}\n";
    assertModelError(build(body, { 'models/base.ts': base }), `models/base.ts:${lineOf(base, 'meta!')} (U.meta)`, /cannot map type `Map<string, string>`/);
  });

  it('a file that does not parse, at its first error; an unclosed bracket at the line that opens it', () => {
    const syntax = '@Model() export class U {\n  @Key() id!: number;\n  name!: string;; =\n}\n';
    assertModelError(build(syntax), at(syntax, 'name!'), /the file does not parse: /);
    const garbage = '@@@ }}} ((( not typescript\n';
    assertModelError(build(garbage), at(garbage, '@@@'), /the file does not parse/);
    const unclosed = '@Model() export class U {\n  @Key() id!: number;\n  @Unique(\n  name!: string;\n  other!: string;\n}\n';
    assertModelError(build(unclosed), at(unclosed, '@Unique('), /the \( opened on this line is never closed/);
    // a file reached through a relative import is read too, so it must parse as well
    const importing = "import type { Role } from './role.js';\n@Model() export class U {\n  @Key() id!: number;\n  role!: Role;\n}\n";
    assertModelError(build(importing, { 'models/role.ts': "export type Role = 'a' | ;\n" }), 'models/role.ts:1', /the file does not parse/);
  });

  it('a decorator that is neither imported nor declared, or that @tidemark/decorators does not export', () => {
    const misspelt = "@Model() export class U {\n  @Key() id!: number;\n  @Colum({ length: 5 }) name!: string;\n}\n";
    assertModelError(build(misspelt), `${at(misspelt, '@Colum(')} (U.name)`, /decorator @Colum is neither imported nor declared/);
    // a misspelt @Model must not turn the class, and its table, into nothing
    const modle = '@Modle()\nexport class U {\n  @Key() id!: number;\n}\n';
    assertModelError(build(modle), `${at(modle, '@Modle')} (U)`, /decorator @Modle is neither imported nor declared/);
    const notExported = "import { Colum } from '@tidemark/decorators';\n@Model() export class U {\n  @Key() id!: number;\n  @Colum() name!: string;\n}\n";
    assertModelError(build(notExported), `${at(notExported, '@Colum()')} (U.name)`, /@tidemark\/decorators has no decorator Colum/);
  });

  it("other libraries' decorators, imported or declared in the file, are left alone", () => {
    const body = "import { Field } from 'type-graphql';\nfunction Audit(): PropertyDecorator { return () => undefined; }\n" +
      '@Model() export class U {\n  @Key() id!: number;\n  @Field() @Audit() name!: string;\n}\n';
    buildSnapshot(readSources({ [FILE]: HEADER + body }, [FILE]));
  });
});
