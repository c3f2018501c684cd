import type { PropertyDescription, ScalarDefault, TypeRef } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { propertyNameText, stringEnumValues } from './read-enum.js';
import { readLiteral, resolveExpression } from './read-literal.js';
import { readPropertyDecorators, type PropertyDecorators } from './read-property-decorators.js';
import { hasNullish, readType, type ReadType, type TypeContext, type TypeEnv } from './read-type.js';
import { invalid, lineNumber, unevaluable, type Where } from './where.js';

/**
 * `describeProperty` reads one property declaration: its decorators, its declared type (or the
 * type of its literal initializer when it has no annotation), `?`, and a literal initializer,
 * which becomes the column default. A value made at run time (`= new Date()`) is no default; a
 * computed one (`= 10 + 5`) is an error (see `isComputedValue`).
 * `env` binds the type parameters of a generic base class the property is inherited from.
 * @internal
 */
export function describeProperty(
  prop: ts.PropertyDeclaration, where: Where, isModel: (c: ts.ClassDeclaration) => boolean,
  env: TypeEnv = { file: prop.getSourceFile(), args: new Map() },
): PropertyDescription {
  const d = readPropertyDecorators(prop, where);
  const { type: typeNode, initializer: init, name: at } = prop;
  const ctx: TypeContext = { where, at, isModel, lenient: d.column?.type !== undefined };
  let read: ReadType;
  if (d.relation) {
    // The relation decorator says everything; the declared type only tells nullability.
    read = { type: { kind: 'model', name: d.relation.target, array: d.relation.kind === 'hasMany' }, optional: !!typeNode && hasNullish(typeNode) };
  } else if (d.ignore) {
    read = { type: { kind: 'unknown', text: 'ignored' }, optional: false };
  } else if (d.enumValues) {
    read = { type: { kind: 'enum', values: d.enumValues }, optional: !!typeNode && hasNullish(typeNode) };
  } else if (typeNode) {
    read = readType(typeNode, env, ctx);
  } else if (init) {
    read = { type: inferType(init, ctx), optional: false };
  } else {
    throw invalid(where, at, 'property has no type annotation', `declare its type: ${propertyNameText(at)}: string`);
  }
  const initial = init ? readLiteral(init, where) : undefined;
  if (init && initial === undefined && !d.ignore && !d.relation && isComputedValue(init)) {
    throw unevaluable(where, init, `the initializer \`${init.getText()}\` is computed, and Tidemark reads models without running them`,
      'write the default as a literal (`= 15`, `= \'draft\'`), or drop the initializer; a value made at run time (`= new Date()`, a call) is left to your code and is not a database default');
  }
  // a list of literals is kept too: buildSnapshot makes it the default of an array column only
  const initializer = isScalar(initial) ? initial : Array.isArray(initial) && initial.every(isScalar) ? initial as readonly ScalarDefault[] : undefined;
  return {
    name: propertyNameText(at),
    line: lineNumber(at),
    type: read.type,
    optional: !!prop.questionToken || read.optional || d.nullable === true,
    ...(initializer !== undefined ? { initializer } : {}),
    ...flags(d),
  };
}

const isScalar = (v: unknown): v is ScalarDefault => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function flags(d: PropertyDecorators): Partial<PropertyDescription> {
  return {
    ...(d.key ? { key: true } : {}),
    ...(d.auto ? { auto: true } : {}),
    ...(d.unique ? { unique: true } : {}),
    ...(d.index ? { index: true } : {}),
    ...(d.applicationEnforced ? { applicationEnforced: true } : {}),
    ...(d.concurrently ? { concurrently: true } : {}),
    ...(d.ignore ? { ignore: true } : {}),
    ...(d.column ? { column: d.column } : {}),
    ...(d.default !== undefined ? { default: d.default } : {}),
    ...(d.relation ? { relation: d.relation } : {}),
  };
}

/** The type TypeScript infers for an unannotated property from its initializer, where it is plain. */
function inferType(init: ts.Expression, ctx: TypeContext): TypeRef {
  // `role = Role.Member`: the property has the enum's type.
  const owner = tsc.isPropertyAccessExpression(init) ? resolveExpression(init.expression, ctx.where) : undefined;
  if (owner?.kind === 'declaration' && tsc.isEnumDeclaration(owner.node) && !ctx.lenient) {
    return { kind: 'enum', values: stringEnumValues(owner.node, ctx.where, ctx.at) };
  }
  const value = readLiteral(init, ctx.where);
  if (typeof value === 'string') return { kind: 'scalar', type: 'string' };
  if (typeof value === 'number') return { kind: 'scalar', type: tsc.isBigIntLiteral(init) ? 'i64' : 'i32' };
  if (typeof value === 'boolean') return { kind: 'scalar', type: 'boolean' };
  if (tsc.isNewExpression(init) && tsc.isIdentifier(init.expression) && init.expression.text === 'Date') return { kind: 'scalar', type: 'timestamp' };
  throw invalid(ctx.where, ctx.at, `property has no type annotation and \`= ${init.getText()}\` does not tell its type`, 'declare its type: name: Type = ...');
}

/**
 * An initializer meant as a value that only running the code would give (`10 + 5`,
 * `` `v${n}` ``, `a ? b : c`, a constant's name): silently taking it for "no default" would hide
 * the default the model asks for. Calls, `new`, functions, arrays and objects are values made at
 * run time by the application, which the README says are not database defaults.
 */
function isComputedValue(init: ts.Expression): boolean {
  const inner = tsc.isParenthesizedExpression(init) || tsc.isAsExpression(init) || tsc.isSatisfiesExpression(init) ? init.expression : init;
  if (tsc.isIdentifier(inner)) return inner.text !== 'undefined';
  return tsc.isBinaryExpression(inner) || tsc.isTemplateExpression(inner) || tsc.isConditionalExpression(inner) || tsc.isPrefixUnaryExpression(inner);
}
