import type { DefaultNow } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { SK, tsc } from './typescript.js';
import { enumMemberValues, propertyNameText, stringEnumValues } from './read-enum.js';
import { resolveMember, resolveName, type Resolved } from './resolve-name.js';
import type { Where } from './where.js';

/** `EnumObject` is a string enum named as a value (`@Column({ enum: Role })`). @internal */
export class EnumObject {
  constructor(readonly values: readonly string[]) {}
}

/** `Literal` is a value the reader can take from source without running it. @internal */
export type Literal = string | number | boolean | null | DefaultNow | EnumObject | readonly Literal[] | { readonly [key: string]: Literal };

/** `NOW` is `Default.now`. @internal */
export const NOW: DefaultNow = Object.freeze({ fn: 'now' });


/**
 * `readLiteral` returns the value of a literal expression: strings, numbers (also negative and
 * bigint), booleans, `null`, arrays and object literals of those, `Default.now`, enum members
 * (`Role.Member` → its value) and string enums (`Role`). Anything else is not a literal: `undefined`.
 * @internal
 */
export function readLiteral(expr: ts.Expression, where: Where): Literal | undefined {
  if (tsc.isStringLiteral(expr) || tsc.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (tsc.isNumericLiteral(expr)) return Number(expr.text);
  if (tsc.isBigIntLiteral(expr)) {
    const n = Number(expr.text.slice(0, -1).replaceAll('_', ''));
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (expr.kind === SK.TrueKeyword || expr.kind === SK.FalseKeyword) return expr.kind === SK.TrueKeyword;
  if (expr.kind === SK.NullKeyword) return null;
  if (tsc.isPrefixUnaryExpression(expr)) {
    const value = readLiteral(expr.operand, where);
    if (typeof value !== 'number') return undefined;
    return expr.operator === SK.MinusToken ? -value : expr.operator === SK.PlusToken ? value : undefined;
  }
  if (tsc.isParenthesizedExpression(expr) || tsc.isAsExpression(expr) || tsc.isSatisfiesExpression(expr) || tsc.isNonNullExpression(expr)) {
    return readLiteral(expr.expression, where);
  }
  if (tsc.isArrayLiteralExpression(expr)) {
    const items = expr.elements.map((e) => readLiteral(e, where));
    return items.every((i) => i !== undefined) ? (items as Literal[]) : undefined;
  }
  if (tsc.isObjectLiteralExpression(expr)) return readObject(expr, where);
  if (tsc.isIdentifier(expr)) {
    const r = resolveName(where.sources, expr.getSourceFile(), expr.text, true);
    return r?.kind === 'declaration' && tsc.isEnumDeclaration(r.node) ? new EnumObject(stringEnumValues(r.node, where, expr)) : undefined;
  }
  if (tsc.isPropertyAccessExpression(expr)) return readMember(expr, where);
  return undefined;
}

function readObject(expr: ts.ObjectLiteralExpression, where: Where): Literal | undefined {
  const out: Record<string, Literal> = {};
  for (const p of expr.properties) {
    if (!tsc.isPropertyAssignment(p) || !(tsc.isIdentifier(p.name) || tsc.isStringLiteral(p.name))) return undefined;
    const value = readLiteral(p.initializer, where);
    if (value === undefined) return undefined;
    out[propertyNameText(p.name)] = value;
  }
  return out;
}

/** `Default.now`, `tm.Default.now`, or an enum member such as `Role.Member`. */
function readMember(expr: ts.PropertyAccessExpression, where: Where): Literal | undefined {
  const target = resolveExpression(expr.expression, where);
  if (target?.kind === 'tidemark' && target.name === 'Default' && expr.name.text === 'now') return NOW;
  if (target?.kind !== 'declaration' || !tsc.isEnumDeclaration(target.node)) return undefined;
  return enumMemberValues(target.node).get(expr.name.text);
}

/** `resolveExpression` follows an identifier or `namespace.name` to what it names. @internal */
export function resolveExpression(expr: ts.Expression, where: Where): Resolved | undefined {
  if (tsc.isIdentifier(expr)) return resolveName(where.sources, expr.getSourceFile(), expr.text, true);
  if (tsc.isPropertyAccessExpression(expr)) return resolveMember(where.sources, resolveExpression(expr.expression, where), expr.name.text);
  return undefined;
}
