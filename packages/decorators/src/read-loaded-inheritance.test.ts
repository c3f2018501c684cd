// The run-time reader's side of base classes (README: Models, "Base classes"), with each decorator
// flavour a user may compile with. test/readers/inheritance.test.ts checks it agrees with the static reader.
import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { classesOf, loadModels, type CompileMode } from './__fixtures__/load-compiled.js';
import { readLoadedModels } from './index.js';

const SOURCE = `
import { Model, Key, Auto, Column, Index } from '@tidemark/decorators';
@Index(['createdAt'])
abstract class Base {
  @Key() @Auto() @Column({ type: 'i32' }) id!: number;
  @Column({ type: 'timestamp' }) createdAt!: Date;
  @Column({ type: 'string' }) note!: string;
}
export abstract class Middle extends Base {
  @Column({ type: 'i64' }) version!: bigint;
}
@Model()
export class Leaf extends Middle {
  @Column({ type: 'string' }) title!: string;
  @Column({ type: 'text', name: 'remark' }) note!: string;
}
`;

async function leaf(mode: CompileMode) {
  const { module } = await loadModels({ source: SOURCE }, mode);
  const [model] = readLoadedModels(classesOf(module).filter((c) => c.name === 'Leaf'));
  return model!;
}

describe('readLoadedModels with base classes', () => {
  for (const mode of ['legacy+metadata', 'legacy', 'tc39'] as const) {
    it(`reads the base classes' properties first, a redeclared one in place, and their indexes (${mode})`, async () => {
      const model = await leaf(mode);
      assert.deepEqual(model.properties.map((p) => [p.name, p.column?.type, p.column?.name]), [
        ['id', 'i32', undefined],
        ['createdAt', 'timestamp', undefined],
        ['note', 'text', 'remark'],
        ['version', 'i64', undefined],
        ['title', 'string', undefined],
      ]);
      assert.equal(model.properties[0]!.key, true);
      assert.deepEqual(model.indexes.map((i) => i.properties), [['createdAt']]);
    });
  }
});

describe('readLoadedModels with TC39 decorators and no Symbol.metadata', () => {
  it('refuses a second model of an undecorated base rather than drop its columns', async () => {
    const source = `${SOURCE}\n@Model() export class Other extends Middle { @Column({ type: 'string' }) name!: string; }\n`;
    const { module } = await loadModels({ source }, 'tc39');
    assert.throws(() => readLoadedModels(classesOf(module).filter((c) => c.name === 'Other')), /\(Other\.version\): property version has no decorator/);
  });
});
