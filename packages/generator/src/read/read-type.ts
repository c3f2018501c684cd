import type { PortableType, TypeRef } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { SK, tsc } from './typescript.js';
import { enumMemberValues, stringEnumValues } from './read-enum.js';
import { resolveMember, resolveName, type Resolved } from './resolve-name.js';
import type { Where } from './where.js';

/** `ReadType` is a property's column type and whether `| null`, `| undefined` made it optional. @internal */
export interface ReadType {
  readonly type: TypeRef;
  readonly optional: boolean;
}

/** `TypeEnv` is where a type node is read: its file, and the type arguments of the alias being expanded. @internal */
export interface TypeEnv {
  readonly file: ts.SourceFile;
  readonly args: ReadonlyMap<string, { readonly node: ts.TypeNode; readonly env: TypeEnv }>;
}

/** `TypeContext` is what reading a type needs besides the node. @internal */
export interface TypeContext {
  readonly where: Where;
  /** The property's name: errors point there even when the type lives in another file. */
  readonly at: ts.Node;
  readonly isModel: (decl: ts.ClassDeclaration) => boolean;
  /** With `@Column({ type })` the column type is given: a numeric enum is then no error. */
  readonly lenient: boolean;
}

const scalar = (type: Exclude<PortableType, 'enum' | 'date'>): TypeRef => ({ kind: 'scalar', type });
const BRANDS: Readonly<Record<string, TypeRef>> = {
  Float: scalar('f64'), Decimal: scalar('decimal'), Uuid: scalar('uuid'), Text: scalar('text'), Json: scalar('json'),
};
// Global types, used only when the name is not declared or imported in the model's files.
const GLOBALS: Readonly<Record<string, TypeRef>> = {
  Date: scalar('timestamp'), Uint8Array: scalar('bytes'), Buffer: scalar('bytes'), Record: scalar('json'),
};
// Built on first use: the syntax kinds' numbers come with TypeScript, which loads lazily.
let keywords: Partial<Record<ts.SyntaxKind, TypeRef>> | undefined;
const keywordType = (kind: ts.SyntaxKind): TypeRef | undefined => (keywords ??= {
  [SK.NumberKeyword]: scalar('i32'),
  [SK.BigIntKeyword]: scalar('i64'),
  [SK.StringKeyword]: scalar('string'),
  [SK.BooleanKeyword]: scalar('boolean'),
  [SK.ObjectKeyword]: scalar('json'),
})[kind];
// Alias chains are short; the limit only stops a self-referencing alias.
const MAX_DEPTH = 32;

const known = (type: TypeRef): ReadType => ({ type, optional: false });
const unknown = (node: ts.Node): ReadType => known({ kind: 'unknown', text: node.getText() });
const isNullish = (m: ts.TypeNode) => m.kind === SK.UndefinedKeyword || (tsc.isLiteralTypeNode(m) && m.literal.kind === SK.NullKeyword);

/**
 * `readType` maps a declared type to a column type, from syntax alone: keywords, `Date`, the
 * brands, `Json<T>`, object, tuple and array types (json, or a model array), string-literal
 * unions and string enums (enum), `null`/`undefined` members (optional), model classes,
 * `Relation<T>` (read as `T`), and type aliases followed into their files. Anything else is
 * `unknown`, which `buildSnapshot` reports.
 * @internal
 */
export function readType(node: ts.TypeNode, env: TypeEnv, ctx: TypeContext, depth = 0): ReadType {
  if (depth > MAX_DEPTH) return unknown(node);
  const keyword = keywordType(node.kind);
  if (keyword) return known(keyword);
  if (tsc.isParenthesizedTypeNode(node)) return readType(node.type, env, ctx, depth + 1);
  if (tsc.isUnionTypeNode(node)) return readUnion(node, env, ctx, depth);
  if (tsc.isLiteralTypeNode(node)) {
    const lit = node.literal;
    if (tsc.isStringLiteral(lit) || tsc.isNoSubstitutionTemplateLiteral(lit)) return known({ kind: 'enum', values: [lit.text] });
    if (lit.kind === SK.TrueKeyword || lit.kind === SK.FalseKeyword) return known(scalar('boolean'));
    return unknown(node);
  }
  if (tsc.isTemplateLiteralTypeNode(node)) return known(scalar('string'));
  if (tsc.isTypeLiteralNode(node) || tsc.isTupleTypeNode(node) || tsc.isMappedTypeNode(node)) return known(scalar('json'));
  if (tsc.isArrayTypeNode(node)) return readArray(node.elementType, env, ctx, depth);
  if (tsc.isTypeOperatorNode(node) && node.operator === SK.ReadonlyKeyword) return readType(node.type, env, ctx, depth + 1);
  if (tsc.isTypeReferenceNode(node)) return readReference(node, env, ctx, depth);
  return unknown(node);
}

/** `hasNullish` tells whether a type spells `| null` or `| undefined` at its top level. @internal */
export function hasNullish(node: ts.TypeNode): boolean {
  if (tsc.isParenthesizedTypeNode(node)) return hasNullish(node.type);
  return tsc.isUnionTypeNode(node) && node.types.some(isNullish);
}

function readUnion(node: ts.UnionTypeNode, env: TypeEnv, ctx: TypeContext, depth: number): ReadType {
  const rest = node.types.filter((m) => !isNullish(m));
  if (rest.length === 0) return unknown(node);
  const parts = rest.map((m) => readType(m, env, ctx, depth + 1));
  const optional = rest.length < node.types.length || parts.some((p) => p.optional);
  if (parts.length === 1) return { type: parts[0]!.type, optional };
  // `true | false` is how TypeScript spells `boolean` in a union.
  if (parts.every((p) => p.type.kind === 'scalar' && p.type.type === 'boolean')) return { type: scalar('boolean'), optional };
  if (parts.every((p) => p.type.kind === 'enum')) {
    const values = parts.flatMap((p) => (p.type.kind === 'enum' ? p.type.values : []));
    return { type: { kind: 'enum', values: [...new Set(values)] }, optional };
  }
  return { type: { kind: 'unknown', text: node.getText() }, optional };
}

function readArray(element: ts.TypeNode, env: TypeEnv, ctx: TypeContext, depth: number): ReadType {
  const model = modelOf(element, env, ctx, depth + 1);
  return known(model ? { kind: 'model', name: model, array: true } : scalar('json'));
}

/** The model class an element type names, if any: `Post` in `Post[]`. */
function modelOf(node: ts.TypeNode, env: TypeEnv, ctx: TypeContext, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (tsc.isParenthesizedTypeNode(node)) return modelOf(node.type, env, ctx, depth + 1);
  if (!tsc.isTypeReferenceNode(node)) return undefined;
  const bound = tsc.isIdentifier(node.typeName) ? env.args.get(node.typeName.text) : undefined;
  if (bound) return modelOf(bound.node, bound.env, ctx, depth + 1);
  const r = resolveTypeName(node.typeName, env, ctx);
  return r?.kind === 'declaration' && tsc.isClassDeclaration(r.node) && ctx.isModel(r.node) ? r.node.name?.text : undefined;
}

function resolveTypeName(name: ts.EntityName, env: TypeEnv, ctx: TypeContext): Resolved | undefined {
  const { sources } = ctx.where;
  if (tsc.isIdentifier(name)) return resolveName(sources, env.file, name.text, true);
  return tsc.isIdentifier(name.left) ? resolveMember(sources, resolveName(sources, env.file, name.left.text, true), name.right.text) : undefined;
}

function readReference(node: ts.TypeReferenceNode, env: TypeEnv, ctx: TypeContext, depth: number): ReadType {
  const name = node.typeName;
  const args = node.typeArguments ?? [];
  if (tsc.isIdentifier(name)) {
    const bound = env.args.get(name.text);
    if (bound) return readType(bound.node, bound.env, ctx, depth + 1);
    if ((name.text === 'Array' || name.text === 'ReadonlyArray') && args.length === 1) return readArray(args[0]!, env, ctx, depth);
  } else if (tsc.isIdentifier(name.left)) {
    // `Role.Admin` as a type: one member of an enum.
    const r = resolveName(ctx.where.sources, env.file, name.left.text, true);
    if (r?.kind === 'declaration' && tsc.isEnumDeclaration(r.node)) {
      const value = enumMemberValues(r.node).get(name.right.text);
      if (typeof value === 'string') return known({ kind: 'enum', values: [value] });
      if (!ctx.lenient) stringEnumValues(r.node, ctx.where, ctx.at);
      return unknown(node);
    }
  }
  const resolved = resolveTypeName(name, env, ctx);
  if (resolved) return fromResolved(resolved, node, env, ctx, depth);
  const global = tsc.isIdentifier(name) ? GLOBALS[name.text] : undefined;
  return global ? known(global) : unknown(node);
}

function fromResolved(r: Resolved, node: ts.TypeReferenceNode, env: TypeEnv, ctx: TypeContext, depth: number): ReadType {
  if (r.kind === 'tidemark') {
    const arg = node.typeArguments?.[0];
    if (r.name === 'Relation' && arg) return readType(arg, env, ctx, depth + 1);
    return BRANDS[r.name] ? known(BRANDS[r.name]!) : unknown(node);
  }
  if (r.kind === 'namespace') return unknown(node);
  const decl = r.node;
  if (tsc.isTypeAliasDeclaration(decl)) {
    // Bind the alias's type parameters to this reference's arguments (or their defaults).
    const args = new Map<string, { node: ts.TypeNode; env: TypeEnv }>();
    const aliasEnv: TypeEnv = { file: decl.getSourceFile(), args };
    (decl.typeParameters ?? []).forEach((p, i) => {
      const arg = node.typeArguments?.[i];
      if (arg) args.set(p.name.text, { node: arg, env });
      else if (p.default) args.set(p.name.text, { node: p.default, env: aliasEnv });
    });
    return readType(decl.type, aliasEnv, ctx, depth + 1);
  }
  if (tsc.isEnumDeclaration(decl)) {
    if (ctx.lenient && [...enumMemberValues(decl).values()].some((v) => typeof v !== 'string')) return unknown(node);
    return known({ kind: 'enum', values: stringEnumValues(decl, ctx.where, ctx.at) });
  }
  if (tsc.isInterfaceDeclaration(decl)) return known(scalar('json'));
  return ctx.isModel(decl) ? known({ kind: 'model', name: decl.name!.text, array: false }) : unknown(node);
}
