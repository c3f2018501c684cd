import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { DECORATORS } from './decorator-name.js';
import { resolveExpression } from './read-literal.js';
import { invalid, type Where } from './where.js';

/** Levenshtein distance, for "did you mean": decorator names are short. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

function suggestion(name: string): string {
  const close = DECORATORS.filter((d) => distance(d.toLowerCase(), name.toLowerCase()) <= 2);
  return close.length > 0 ? `did you mean @${close[0]}? ` : '';
}

/** Whether `file` declares or imports a value named `name` at its top level. */
function bindsName(file: ts.SourceFile, name: string): boolean {
  return file.statements.some((st) => {
    if ((tsc.isFunctionDeclaration(st) || tsc.isClassDeclaration(st) || tsc.isEnumDeclaration(st)) && st.name?.text === name) return true;
    if (tsc.isVariableStatement(st)) return st.declarationList.declarations.some((d) => !tsc.isIdentifier(d.name) || d.name.text === name);
    if (tsc.isModuleDeclaration(st)) return tsc.isIdentifier(st.name) && st.name.text === name;
    const clause = tsc.isImportDeclaration(st) ? st.importClause : undefined;
    if (!clause) return false;
    if (clause.name?.text === name) return true;
    const b = clause.namedBindings;
    return !!b && (tsc.isNamespaceImport(b) ? b.name.text === name : b.elements.some((e) => e.name.text === name));
  });
}

/**
 * `refuseUnknownDecorator` throws for a decorator that is not Tidemark's and that the file never
 * declares or imports: a misspelt `@Colum()` or `@Modle()`. Such a file would not compile, and
 * reading on would silently drop what the decorator meant (a `@Modle()` class is no model, so its
 * table would be dropped). A name from @tidemark/decorators that it does not export is refused
 * too. Decorators of other libraries, imported or declared in the file, are left alone.
 * @internal
 */
export function refuseUnknownDecorator(node: ts.Decorator, where: Where): void {
  const callee = tsc.isCallExpression(node.expression) ? node.expression.expression : node.expression;
  const shown = callee.getText();
  const r = resolveExpression(callee, where);
  if (r?.kind === 'tidemark') {
    throw invalid(where, node, `@tidemark/decorators has no decorator ${r.name}`, `${suggestion(r.name)}the decorators are ${DECORATORS.join(', ')}`);
  }
  let root: ts.Expression = callee;
  while (tsc.isPropertyAccessExpression(root)) root = root.expression;
  if (r !== undefined || !tsc.isIdentifier(root) || bindsName(node.getSourceFile(), root.text)) return;
  throw invalid(where, node, `decorator @${shown} is neither imported nor declared in this file`,
    `${suggestion(tsc.isIdentifier(callee) ? callee.text : shown)}import it (Tidemark's decorators come from '@tidemark/decorators')`);
}
