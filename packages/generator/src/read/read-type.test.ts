import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { TypeRef } from '@tidemark/core';
import { HEADER, readProperty, readSources } from './__fixtures__/read-sources.js';

const scalar = (type: string): TypeRef => ({ kind: 'scalar', type } as TypeRef);
const enumOf = (...values: string[]): TypeRef => ({ kind: 'enum', values });
const typeOf = (declaration: string, before = '', files: Record<string, string> = {}) => readProperty(declaration, before, files).type;
const POST = '@Model() export class Post { @Key() id!: number; }\nexport class Plain { x!: number; }\n';

describe('readModelFiles: types from type nodes', () => {
  it('maps the keyword types and Date', () => {
    assert.deepEqual(typeOf('a!: number;'), scalar('i32'));
    assert.deepEqual(typeOf('a!: bigint;'), scalar('i64'));
    assert.deepEqual(typeOf('a!: string;'), scalar('string'));
    assert.deepEqual(typeOf('a!: boolean;'), scalar('boolean'));
    assert.deepEqual(typeOf('a!: Date;'), scalar('timestamp'));
  });

  it('maps the brands, also under another name or through a namespace import', () => {
    assert.deepEqual(typeOf('a!: Float;'), scalar('f64'));
    assert.deepEqual(typeOf('a!: Decimal;'), scalar('decimal'));
    assert.deepEqual(typeOf('a!: Uuid;'), scalar('uuid'));
    assert.deepEqual(typeOf('a!: Text;'), scalar('text'));
    assert.deepEqual(typeOf('a!: Json<{ a: number }>;'), scalar('json'));
    assert.deepEqual(typeOf('a!: Money;', "import type { Decimal as Money } from '@tidemark/decorators';"), scalar('decimal'));
    assert.deepEqual(typeOf('a!: tm.Uuid;', "import type * as tm from '@tidemark/decorators';"), scalar('uuid'));
  });

  it('maps object literal types, arrays of non-models, tuples, Record and interfaces to json', () => {
    assert.deepEqual(typeOf('a!: { theme: string; size: number };'), scalar('json'));
    assert.deepEqual(typeOf('a!: string[];'), scalar('json'));
    assert.deepEqual(typeOf('a!: readonly number[];'), scalar('json'));
    assert.deepEqual(typeOf('a!: Array<{ x: number }>;'), scalar('json'));
    assert.deepEqual(typeOf('a!: Plain[];', POST), scalar('json'));
    assert.deepEqual(typeOf('a!: [number, string];'), scalar('json'));
    assert.deepEqual(typeOf('a!: Record<string, number>;'), scalar('json'));
    assert.deepEqual(typeOf('a!: Settings;', 'interface Settings { dark: boolean }'), scalar('json'));
  });

  it('maps Uint8Array and Buffer to bytes', () => {
    assert.deepEqual(typeOf('a!: Uint8Array;'), scalar('bytes'));
    assert.deepEqual(typeOf('a!: Buffer;'), scalar('bytes'));
  });

  it('maps a string-literal union to an enum, values in order', () => {
    assert.deepEqual(typeOf("a!: 'draft' | 'published' | 'archived';"), enumOf('draft', 'published', 'archived'));
    assert.deepEqual(typeOf("a!: 'only';"), enumOf('only'));
    // Unions of aliases are flattened.
    assert.deepEqual(typeOf('a!: Cold | Hot;', "type Cold = 'ice' | 'snow';\ntype Hot = 'fire';"), enumOf('ice', 'snow', 'fire'));
  });

  it('maps a TS string enum to its member values, also a single member as a type', () => {
    const before = "enum Role { Admin = 'admin', Member = 'member', Guest = `guest` }";
    assert.deepEqual(typeOf('a!: Role;', before), enumOf('admin', 'member', 'guest'));
    assert.deepEqual(typeOf('a!: Role.Admin | Role.Guest;', before), enumOf('admin', 'guest'));
  });

  it('resolves type aliases in the same file, generics included', () => {
    assert.deepEqual(typeOf('a!: Status;', "type Status = 'on' | 'off';"), enumOf('on', 'off'));
    assert.deepEqual(typeOf('a!: Id;', 'type Id = Uuid;'), scalar('uuid'));
    assert.deepEqual(readProperty('a!: Maybe<Text>;', 'type Maybe<T> = T | null;'), { name: 'a', line: 7, type: scalar('text'), optional: true });
    assert.deepEqual(typeOf('a!: Boxed;', 'type Boxed<T = Date> = T;'), scalar('timestamp'));
  });

  it('resolves aliases and enums from another model file and from a file reached by a relative import', () => {
    const files = {
      'kinds.ts': "export type Kind = 'a' | 'b';\nexport enum Level { Low = 'low', High = 'high' }\n",
      'barrel.ts': "export * from './kinds.js';\nexport { Level as Tier } from './kinds.js';\n",
    };
    // kinds.ts is not listed: it is parsed only because subject.ts imports it.
    assert.deepEqual(typeOf('a!: Kind;', "import type { Kind } from './kinds.js';", files), enumOf('a', 'b'));
    assert.deepEqual(typeOf('a!: K;', "import type { Kind as K } from './kinds';", files), enumOf('a', 'b'));
    assert.deepEqual(typeOf('a!: Tier;', "import type { Tier } from './barrel.js';", files), enumOf('low', 'high'));
    assert.deepEqual(typeOf('a!: k.Level;', "import type * as k from './kinds.js';", files), enumOf('low', 'high'));
  });

  it('finds a name a listed model file exports when the import cannot be followed (a path alias)', () => {
    const files = {
      'subject.ts': `${HEADER}import type { Kind } from '@app/kinds';\n@Model() export class Subject { @Key() id!: number; kind!: Kind; }\n`,
      'kinds.ts': "export type Kind = 'a' | 'b';\n",
    };
    assert.deepEqual(readSources(files)[0]!.properties[1]!.type, enumOf('a', 'b'));
  });

  it('makes `?`, `| null` and `| undefined` optional', () => {
    assert.equal(readProperty('a?: string;').optional, true);
    assert.equal(readProperty('a!: string | null;').optional, true);
    assert.equal(readProperty('a!: undefined | number;').optional, true);
    assert.deepEqual(readProperty("a!: 'x' | 'y' | null;").type, enumOf('x', 'y'));
    assert.equal(readProperty('a!: string;').optional, false);
  });

  it('maps a model class to a model TypeRef, and arrays of it to a model array', () => {
    assert.deepEqual(typeOf('a!: Post;', POST), { kind: 'model', name: 'Post', array: false });
    assert.deepEqual(typeOf('a!: Post[];', POST), { kind: 'model', name: 'Post', array: true });
    assert.deepEqual(typeOf('a!: Array<Post>;', POST), { kind: 'model', name: 'Post', array: true });
    assert.deepEqual(typeOf('a!: ReadonlyArray<Post>;', POST), { kind: 'model', name: 'Post', array: true });
  });

  it('leaves anything else unknown, with its text, for buildSnapshot to report', () => {
    assert.deepEqual(typeOf('a!: Plain;', POST), { kind: 'unknown', text: 'Plain' });
    assert.deepEqual(typeOf('a!: Map<string, number>;'), { kind: 'unknown', text: 'Map<string, number>' });
    assert.deepEqual(typeOf('a!: string | number;'), { kind: 'unknown', text: 'string | number' });
    assert.deepEqual(typeOf('a!: unknown;'), { kind: 'unknown', text: 'unknown' });
  });

  it('infers the type of an unannotated property from its literal initializer', () => {
    assert.deepEqual(readProperty('count = 0;'), { name: 'count', line: 7, type: scalar('i32'), optional: false, initializer: 0 });
    assert.deepEqual(typeOf("label = 'x';"), scalar('string'));
    assert.deepEqual(typeOf('on = false;'), scalar('boolean'));
    assert.deepEqual(typeOf('big = 10n;'), scalar('i64'));
    assert.deepEqual(typeOf('at = new Date();'), scalar('timestamp'));
    assert.deepEqual(typeOf('role = Role.B;', "enum Role { A = 'a', B = 'b' }"), enumOf('a', 'b'));
  });

  it('accepts a numeric enum when @Column({ type }) says how to store it', () => {
    const p = readProperty("@Column({ type: 'i32' }) level: Level = Level.High;", 'enum Level { Low, High }');
    assert.deepEqual([p.column, p.initializer], [{ type: 'i32' }, 1]);
  });

  it('takes @Column({ enum }) values over the declared type', () => {
    assert.deepEqual(typeOf("@Column({ enum: ['x', 'y'] }) a!: string;"), enumOf('x', 'y'));
    assert.deepEqual(typeOf('@Column({ enum: Role }) a!: Role;', "enum Role { A = 'a', B = 'b' }"), enumOf('a', 'b'));
  });

  it('keeps a relation property\'s target as its type and reads nullability from the type', () => {
    const p = readProperty('@BelongsTo(() => Post) post!: Relation<Post> | null;', POST);
    assert.deepEqual(p.type, { kind: 'model', name: 'Post', array: false });
    assert.equal(p.optional, true);
  });
});
