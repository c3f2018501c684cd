import { modelInvalid } from '@tidemark/core';
import { bucketOf, claimBucket, propertyOf, recordOf, type ModelRecord, type PropertyRecord } from './metadata-store.js';

/**
 * `TidemarkPropertyDecorator` is what the property decorators return. It has both signatures:
 * legacy (`experimentalDecorators`: prototype and property name) and TC39 standard (value and
 * context), so models compile either way.
 */
export interface TidemarkPropertyDecorator {
  (target: object, propertyKey: string | symbol): void;
  (value: undefined, context: ClassFieldDecoratorContext): void;
}

/** `TidemarkClassDecorator` is what `@Model()` and `@Index(columns)` return; legacy and TC39 signatures. */
export interface TidemarkClassDecorator {
  (target: Function): void;
  (value: Function, context: ClassDecoratorContext): void;
}

const isContext = (x: unknown): x is DecoratorContext => typeof x === 'object' && x !== null && 'kind' in x;

function misuse(decorator: string, where: string): Error {
  return modelInvalid({ file: '(run time)', property: where }, `@${decorator} only fits an instance property, not ${where}`, `move @${decorator} to a property declaration`);
}

/** `propertyDecorator` makes a property decorator that updates the property's record. @internal */
export function propertyDecorator(decorator: string, apply: (p: PropertyRecord) => void): TidemarkPropertyDecorator {
  return ((target: unknown, keyOrContext: unknown, descriptor?: unknown) => {
    if (isContext(keyOrContext)) {
      const ctx = keyOrContext;
      if (ctx.kind !== 'field' || ctx.static || ctx.private || typeof ctx.name !== 'string') {
        const flags = ctx.kind === 'class' ? '' : `${ctx.static ? 'static ' : ''}${ctx.private ? 'private ' : ''}`;
        throw misuse(decorator, `a ${flags}${ctx.kind} ${String(ctx.name)}`);
      }
      apply(propertyOf(bucketOf(ctx.metadata), ctx.name));
      return;
    }
    // A static member's target is the constructor; an accessor or method gets a descriptor.
    if (typeof target !== 'object' || target === null || typeof keyOrContext !== 'string' || descriptor !== undefined) {
      throw misuse(decorator, typeof keyOrContext === 'string' ? `${typeof target === 'function' ? 'static member' : 'accessor'} ${keyOrContext}` : 'a class');
    }
    apply(propertyOf(recordOf(target.constructor), keyOrContext));
  }) as TidemarkPropertyDecorator;
}

/** `classDecorator` makes a class decorator that updates the class's record. @internal */
export function classDecorator(decorator: string, apply: (record: ModelRecord) => void): TidemarkClassDecorator {
  return ((target: unknown, context?: unknown) => {
    if (typeof target !== 'function') {
      throw modelInvalid({ file: '(run time)' }, `@${decorator}(...) with arguments only fits a class`, `put @${decorator}(...) on the class`);
    }
    apply(isContext(context) ? claimBucket(target, (context as ClassDecoratorContext).metadata) : recordOf(target));
  }) as TidemarkClassDecorator;
}
