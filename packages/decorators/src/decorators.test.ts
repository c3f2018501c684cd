// Runs without reflect-metadata: the decorators keep their records in a WeakMap. tsx compiles the
// classes below with TC39 standard decorators (the repo's tsconfig.json has no experimentalDecorators).
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { isTidemarkError, type ModelDescription } from '@tidemark/core';
import { classesOf, loadModels } from './__fixtures__/load-compiled.js';
import {
  Auto, BelongsTo, Column, Default, HasMany, Ignore, Index, Key, Model, readLoadedModels, Unique,
} from './index.js';

@Model({ table: 'people', renamedFrom: 'persons' })
@Index(['name', 'email'], { unique: true, name: 'uq_people_name_email' })
@Index(['createdAt'])
class Person {
  @Key() @Auto() @Column({ type: 'i32' }) id!: number;
  @Column({ type: 'string', length: 80 }) name!: string;
  @Unique() @Column({ type: 'string' }) email!: string;
  @Index() @Column({ type: 'enum', enum: ['a', 'b'] }) grade: 'a' | 'b' = 'b';
  @Default(Default.now) @Column({ type: 'timestamp' }) createdAt!: Date;
  @HasMany(() => Pet) pets!: Pet[];
  @Ignore() scratch?: unknown;
}

@Model()
class Pet {
  @Key() @Column({ type: 'uuid' }) id!: string;
  @BelongsTo(() => Person, { onDelete: 'cascade', nullable: true }) owner?: Person;
}

const PERSON: ModelDescription = {
  className: 'Person',
  file: '(run time: class Person)',
  table: 'people',
  renamedFrom: 'persons',
  indexes: [{ properties: ['name', 'email'], unique: true, name: 'uq_people_name_email' }, { properties: ['createdAt'] }],
  properties: [
    { name: 'id', type: { kind: 'unknown', text: 'i32' }, optional: false, key: true, auto: true, column: { type: 'i32' } },
    { name: 'name', type: { kind: 'unknown', text: 'string' }, optional: false, column: { type: 'string', length: 80 } },
    { name: 'email', type: { kind: 'unknown', text: 'string' }, optional: false, unique: true, column: { type: 'string' } },
    { name: 'grade', type: { kind: 'enum', values: ['a', 'b'] }, optional: false, initializer: 'b', index: true, column: { type: 'enum' } },
    { name: 'createdAt', type: { kind: 'unknown', text: 'timestamp' }, optional: false, column: { type: 'timestamp' }, default: { fn: 'now' } },
    { name: 'pets', type: { kind: 'model', name: 'Pet', array: true }, optional: false, relation: { kind: 'hasMany', target: 'Pet' } },
    { name: 'scratch', type: { kind: 'unknown', text: 'ignored' }, optional: false, ignore: true },
  ],
};

/** `withoutTestRunnerSite` drops a call site that lies in the test runner's own files. */
function withoutTestRunnerSite(d: ModelDescription): ModelDescription {
  if (!/(^|\/)node_modules\/(vitest|@vitest|vite)\//.test(d.file)) return d;
  const { line: _line, ...rest } = d;
  return { ...rest, file: `(run time: class ${d.className})` };
}

describe('decorators (TC39 standard, no reflect-metadata)', () => {
  it('record what readLoadedModels describes, in declaration order', () => {
    assert.equal(typeof (Reflect as { getMetadata?: unknown }).getMetadata, 'undefined');
    const [person, pet] = readLoadedModels([Person, Pet]);
    // The call site of @Model lies in this test file, which shares the package folder: not reported.
    // The frame after it is whatever loaded the test file: under vitest its module runner (a file
    // frame, so the first foreign one), which says nothing about the decorators; under plain Node
    // a node:internal frame, never reported.
    assert.deepStrictEqual(withoutTestRunnerSite(person!), PERSON);
    assert.deepStrictEqual(pet!.properties[1], {
      name: 'owner', type: { kind: 'model', name: 'Person', array: false }, optional: true,
      relation: { kind: 'belongsTo', target: 'Person', options: { onDelete: 'cascade' } },
    });
  });

  it('work the same when TypeScript emits them without Symbol.metadata', async () => {
    const source = `import { Model, Key, Column, Index } from '@tidemark/decorators';
@Model() @Index(['b']) export class First { @Key() @Column({ type: 'i32' }) a!: number; @Column({ type: 'text' }) b!: string; }
@Model() export class Second { @Key() @Column({ type: 'uuid' }) c!: string; }
`;
    const { module, file } = await loadModels({ source }, 'tc39');
    const [first, second] = readLoadedModels(classesOf(module));
    assert.equal(first!.file, file);
    assert.deepEqual(first!.properties.map((p) => p.name), ['a', 'b']);
    assert.deepEqual(first!.indexes, [{ properties: ['b'] }]);
    assert.deepEqual(second!.properties.map((p) => p.name), ['c']);
  });

  it('Default.now is the current-timestamp default', () => {
    assert.deepEqual(Default.now, { fn: 'now' });
    assert.ok(Object.isFrozen(Default.now));
  });

  it('refuse static members and property decorators on a class', () => {
    const refuse = (run: () => unknown, problem: RegExp) =>
      assert.throws(run, (e: unknown) => isTidemarkError(e, 'TM_MODEL_INVALID') && problem.test(e.message));
    refuse(() => {
      class Bad { @Key() static id = 1; }
      return Bad;
    }, /@Key only fits an instance property, not a static field id/);
    refuse(() => (Index() as unknown as (c: Function) => void)(class {}), /@Index only fits an instance property, not a class/);
  });

  it('without design:type, a property without @Column({ type }) is TM_MODEL_INVALID', async () => {
    const source = "import { Model, Key } from '@tidemark/decorators';\n@Model() export class NoMeta { @Key() id!: number; }\n";
    const { module, file } = await loadModels({ source }, 'legacy');
    assert.throws(() => readLoadedModels(classesOf(module)), (e: unknown) => {
      assert.ok(isTidemarkError(e, 'TM_MODEL_INVALID'));
      assert.match(e.message, new RegExp(`^${file}:\\d+ \\(NoMeta\\.id\\): reflect-metadata is not loaded`));
      assert.match(e.hint, /@Column\(\{ type: '...' \}\)/);
      return true;
    });
  });
});
