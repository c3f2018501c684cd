import type { ClassIndexDescription } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { is, literalArg, optionsArg } from './decorator-args.js';
import { decoratorsOf, tidemarkDecorator } from './decorator-name.js';
import { refuseUnknownDecorator } from './unknown-decorator.js';
import { invalid, lineNumber, type Where } from './where.js';

/** `ClassDecorators` is what a model class's decorators say. @internal */
export interface ClassDecorators {
  readonly table?: string;
  readonly renamedFrom?: string;
  readonly indexes: readonly ClassIndexDescription[];
}

/** `isModelClass` tells whether a class has `@Model` (under any import name). @internal */
export function isModelClass(cls: ts.ClassDeclaration, where: Where): boolean {
  return decoratorsOf(cls).some((d) => tidemarkDecorator(d, where)?.name === 'Model');
}

/** `readClassDecorators` reads `@Model(...)` and the class-level `@Index(...)`es, in source order. @internal */
export function readClassDecorators(cls: ts.ClassDeclaration, where: Where): ClassDecorators {
  let model: { table?: string; renamedFrom?: string } = {};
  const indexes: ClassIndexDescription[] = [];
  for (const node of decoratorsOf(cls)) {
    const dec = tidemarkDecorator(node, where);
    if (!dec) {
      refuseUnknownDecorator(node, where);
      continue;
    }
    if (dec.name === 'Model') {
      model = optionsArg(dec, 0, { table: is.string, renamedFrom: is.string }, where) as typeof model;
    } else if (dec.name === 'Index') {
      const properties = literalArg(dec, 0, where);
      if (!Array.isArray(properties) || properties.length === 0 || !properties.every((p) => typeof p === 'string')) {
        throw invalid(where, dec.node, '@Index on a class needs a list of property names', "write @Index(['authorId', 'publishedAt'])");
      }
      const { unique, name, enforced, concurrently } = optionsArg(dec, 1, { unique: is.boolean, name: is.string, enforced: is.enforcement, concurrently: is.boolean }, where) as
        { unique?: boolean; name?: string; enforced?: string; concurrently?: boolean };
      indexes.push({
        properties: properties as string[],
        ...(unique !== undefined ? { unique } : {}),
        ...(name !== undefined ? { name } : {}),
        ...(enforced === 'application' ? { applicationEnforced: true } : {}),
        ...(concurrently ? { concurrently: true } : {}),
        line: lineNumber(dec.node),
      });
    } else {
      throw invalid(where, dec.node, `@${dec.name}() belongs on a property, not a class`, `move @${dec.name}() to a property`);
    }
  }
  return { ...model, indexes };
}
