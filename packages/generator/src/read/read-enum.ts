import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { invalid, lineOf, type Where } from './where.js';

/** `propertyNameText` is the text of a member or property name: `a`, `'a'`, `#a`, `[expr]`. @internal */
export function propertyNameText(name: ts.PropertyName): string {
  return tsc.isIdentifier(name) || tsc.isStringLiteral(name) || tsc.isNumericLiteral(name) || tsc.isPrivateIdentifier(name) ? name.text : name.getText();
}

/**
 * `enumMemberValues` computes each member's value as TypeScript does for literals: a string, a
 * number (explicit, or the previous number plus one), or `undefined` when it is computed.
 * @internal
 */
export function enumMemberValues(decl: ts.EnumDeclaration): Map<string, string | number | undefined> {
  const values = new Map<string, string | number | undefined>();
  let next: number | undefined = 0;
  for (const member of decl.members) {
    const init = member.initializer;
    let value: string | number | undefined;
    if (!init) value = next;
    else if (tsc.isStringLiteral(init) || tsc.isNoSubstitutionTemplateLiteral(init)) value = init.text;
    else if (tsc.isNumericLiteral(init)) value = Number(init.text);
    else if (tsc.isPrefixUnaryExpression(init) && init.operator === tsc.SyntaxKind.MinusToken && tsc.isNumericLiteral(init.operand)) {
      value = -Number(init.operand.text);
    }
    next = typeof value === 'number' ? value + 1 : undefined;
    values.set(propertyNameText(member.name), value);
  }
  return values;
}

/**
 * `stringEnumValues` returns a string enum's values in declaration order. A numeric, mixed or
 * computed enum is TM_MODEL_INVALID at `at`: Tidemark stores enums by value, and a bare number
 * tells a reader of the table nothing.
 * @internal
 */
export function stringEnumValues(decl: ts.EnumDeclaration, where: Where, at: ts.Node): string[] {
  const values: string[] = [];
  for (const [member, value] of enumMemberValues(decl)) {
    if (typeof value === 'string') {
      values.push(value);
      continue;
    }
    const what = value === undefined ? `member ${member} has a computed value` : 'is a numeric enum';
    throw invalid(
      where, at,
      `enum ${decl.name.text} (${lineOf(where, decl)}) ${what}; Tidemark stores enums as their string values`,
      `use a string enum (${member} = '${member.toLowerCase()}'), or @Column({ type: 'i32' }) to store the numbers`,
    );
  }
  return [...new Set(values)];
}
