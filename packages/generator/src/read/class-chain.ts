import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { resolveExpression } from './read-literal.js';
import type { TypeEnv } from './read-type.js';
import { invalid, type Where } from './where.js';

/** `ClassLevel` is one class of a model's inheritance chain and what its type parameters stand for. @internal */
export interface ClassLevel {
  readonly cls: ts.ClassDeclaration;
  /** `T` of `class Base<T>` bound to the subclass's `extends Base<number>` (or the parameter's default). */
  readonly env: TypeEnv;
}

// Inheritance chains are short; the limit only stops a cycle the resolver did not catch.
const MAX_DEPTH = 32;

/**
 * `classChain` lists a model class and its base classes, the deepest base first and the model
 * last (README: Models, "Base classes"): columns of a base come before the subclass's own, as a
 * constructed instance's fields do. Each base is followed to its declaration in the same file, a
 * relatively imported file or a tsconfig path alias; a base Tidemark cannot read (a class from a
 * package without its source, a mixin call, a cycle) is TM_MODEL_INVALID at the `extends` clause,
 * never a silently shorter table.
 * @internal
 */
export function classChain(cls: ts.ClassDeclaration, where: Where): ClassLevel[] {
  const chain: ClassLevel[] = [{ cls, env: { file: cls.getSourceFile(), args: new Map() } }];
  const seen = new Set([cls]);
  for (let level = chain[0]!; ; ) {
    const base = extendsClause(level.cls);
    if (!base) break;
    const parent = resolveBase(base, level, where);
    if (seen.has(parent) || chain.length > MAX_DEPTH) {
      throw invalid(where, base, `class ${className(level.cls)} extends itself through ${base.expression.getText()}`, 'break the inheritance cycle');
    }
    seen.add(parent);
    level = { cls: parent, env: bindTypeParameters(parent, base, level.env) };
    chain.unshift(level);
  }
  return chain;
}

function extendsClause(cls: ts.ClassDeclaration): ts.ExpressionWithTypeArguments | undefined {
  return cls.heritageClauses?.find((h) => h.token === tsc.SyntaxKind.ExtendsKeyword)?.types[0];
}

function className(cls: ts.ClassDeclaration): string {
  return cls.name?.text ?? 'default';
}

function resolveBase(base: ts.ExpressionWithTypeArguments, level: ClassLevel, where: Where): ts.ClassDeclaration {
  const text = base.expression.getText();
  const resolved = resolveExpression(base.expression, where);
  if (resolved?.kind === 'declaration' && tsc.isClassDeclaration(resolved.node)) return resolved.node;
  const why =
    !tsc.isIdentifier(base.expression) && !tsc.isPropertyAccessExpression(base.expression)
      ? `\`${text}\` is an expression (a mixin?), whose columns cannot be read without running it`
      : resolved === undefined
        ? `Tidemark cannot find the source of ${text} (a package without its TypeScript source, or a name that is not imported)`
        : `${text} is not a class`;
  throw invalid(
    where, base, `${className(level.cls)} extends ${text}: ${why}`,
    'extend a class declared in your own source files (a relative import or a tsconfig path), or declare its properties on the model itself',
  );
}

/** `class Base<K, V = string>` reached through `extends Base<number>`: K is number (read in the subclass's file), V is string. */
function bindTypeParameters(parent: ts.ClassDeclaration, base: ts.ExpressionWithTypeArguments, childEnv: TypeEnv): TypeEnv {
  const args = new Map<string, { node: ts.TypeNode; env: TypeEnv }>();
  const env: TypeEnv = { file: parent.getSourceFile(), args };
  (parent.typeParameters ?? []).forEach((p, i) => {
    const arg = base.typeArguments?.[i];
    if (arg) args.set(p.name.text, { node: arg, env: childEnv });
    else if (p.default) args.set(p.name.text, { node: p.default, env });
  });
  return env;
}
