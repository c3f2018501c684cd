import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { resolveExpression } from './read-literal.js';
import type { Where } from './where.js';

/** `DECORATORS` are the decorators of @tidemark/decorators. @internal */
export const DECORATORS = ['Model', 'Index', 'Key', 'Auto', 'Column', 'Unique', 'Default', 'BelongsTo', 'HasMany', 'HasOne', 'Ignore', 'Check'] as const;

/** `DecoratorName` is one of them. @internal */
export type DecoratorName = (typeof DECORATORS)[number];

/** `TidemarkDecorator` is a recognized decorator and its call's arguments. @internal */
export interface TidemarkDecorator {
  readonly name: DecoratorName;
  readonly node: ts.Decorator;
  /** `undefined` when it is not called (`@Key` instead of `@Key()`). */
  readonly args: readonly ts.Expression[] | undefined;
}

/** `decoratorsOf` are a class's or property's decorators. @internal */
export function decoratorsOf(node: ts.Node): readonly ts.Decorator[] {
  return (tsc.canHaveDecorators(node) && tsc.getDecorators(node)) || [];
}

/**
 * `tidemarkDecorator` recognizes a decorator imported from @tidemark/decorators, under any local
 * name (`import { Model as Entity }`), through a namespace (`@tm.Model()`) or a relative barrel
 * that re-exports it. Other decorators are `undefined`: they belong to other libraries.
 * @internal
 */
export function tidemarkDecorator(node: ts.Decorator, where: Where): TidemarkDecorator | undefined {
  const expr = node.expression;
  const called = tsc.isCallExpression(expr);
  const r = resolveExpression(called ? expr.expression : expr, where);
  if (r?.kind !== 'tidemark' || !(DECORATORS as readonly string[]).includes(r.name)) return undefined;
  return { name: r.name as DecoratorName, node, args: called ? expr.arguments : undefined };
}
