import type { CheckDescription, ClassIndexDescription } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { is, literalArg, optionsArg, type OptionSpec } from './decorator-args.js';
import { decoratorsOf, tidemarkDecorator, type TidemarkDecorator } from './decorator-name.js';
import { refuseUnknownDecorator } from './unknown-decorator.js';
import { invalid, lineNumber, type Where } from './where.js';

/** `ClassDecorators` is what a model class's decorators say. @internal */
export interface ClassDecorators {
  readonly table?: string;
  readonly renamedFrom?: string;
  readonly indexes: readonly ClassIndexDescription[];
  readonly checks: readonly CheckDescription[];
}

/** `isModelClass` tells whether a class has `@Model` (under any import name). @internal */
export function isModelClass(cls: ts.ClassDeclaration, where: Where): boolean {
  return decoratorsOf(cls).some((d) => tidemarkDecorator(d, where)?.name === 'Model');
}

/** `readClassDecorators` reads `@Model(...)` and the class-level `@Index(...)`es, in source order. @internal */
export function readClassDecorators(cls: ts.ClassDeclaration, where: Where): ClassDecorators {
  let model: { table?: string; renamedFrom?: string } = {};
  const indexes: ClassIndexDescription[] = [];
  const checks: CheckDescription[] = [];
  for (const node of decoratorsOf(cls)) {
    const dec = tidemarkDecorator(node, where);
    if (!dec) {
      refuseUnknownDecorator(node, where);
      continue;
    }
    if (dec.name === 'Model') {
      model = optionsArg(dec, 0, { table: is.string, renamedFrom: is.string }, where) as typeof model;
    } else if (dec.name === 'Index') {
      indexes.push(readClassIndex(dec, where));
    } else if (dec.name === 'Check') {
      const name = literalArg(dec, 0, where);
      const expression = literalArg(dec, 1, where);
      if (typeof name !== 'string' || typeof expression !== 'string') {
        throw invalid(where, dec.node, '@Check needs a name and a SQL expression', "write @Check('price_positive', 'price > 0')");
      }
      checks.push({ name, expression, line: lineNumber(dec.node) });
    } else {
      throw invalid(where, dec.node, `@${dec.name}() belongs on a property, not a class`, `move @${dec.name}() to a property`);
    }
  }
  return { ...model, indexes, checks };
}

/** The options of a class-level `@Index` (README: Models, "Index options"). */
const INDEX_OPTIONS: OptionSpec = {
  unique: is.boolean, name: is.string, enforced: is.enforcement, concurrently: is.boolean,
  using: is.indexMethod, where: is.string, order: is.orders, nulls: is.nullsPlacements, ops: is.operatorClasses,
};

/** `@Index(['a', 'b'], options)` or `@Index({ expression: '…', ...options })`. */
function readClassIndex(dec: TidemarkDecorator, where: Where): ClassIndexDescription {
  const first = literalArg(dec, 0, where);
  const isExpression = typeof first === 'object' && first !== null && !Array.isArray(first) && 'expression' in first;
  if (!isExpression && (!Array.isArray(first) || first.length === 0 || !first.every((p) => typeof p === 'string'))) {
    throw invalid(where, dec.node, '@Index on a class needs a list of property names (or { expression })', "write @Index(['authorId', 'publishedAt']) or @Index({ expression: 'lower(email)' })");
  }
  const o = (isExpression
    ? optionsArg(dec, 0, { ...INDEX_OPTIONS, expression: is.string }, where)
    : optionsArg(dec, 1, INDEX_OPTIONS, where)) as {
    unique?: boolean; name?: string; enforced?: string; concurrently?: boolean; expression?: string;
    using?: ClassIndexDescription['using']; where?: string; order?: ClassIndexDescription['order']; nulls?: ClassIndexDescription['nulls']; ops?: ClassIndexDescription['ops'];
  };
  return {
    properties: isExpression ? [] : (first as string[]),
    ...(o.unique !== undefined ? { unique: o.unique } : {}),
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...(o.enforced === 'application' ? { applicationEnforced: true } : {}),
    ...(o.concurrently ? { concurrently: true } : {}),
    ...(o.expression !== undefined ? { expression: o.expression } : {}),
    ...(o.using !== undefined ? { using: o.using } : {}),
    ...(o.where !== undefined ? { where: o.where } : {}),
    ...(o.order !== undefined ? { order: { ...o.order } } : {}),
    ...(o.nulls !== undefined ? { nulls: { ...o.nulls } } : {}),
    ...(o.ops !== undefined ? { ops: { ...o.ops } } : {}),
    line: lineNumber(dec.node),
  };
}
