import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';

/** `Declaration` is a top-level declaration a model's types or decorators may name. @internal */
export type Declaration = ts.ClassDeclaration | ts.EnumDeclaration | ts.TypeAliasDeclaration | ts.InterfaceDeclaration;

/** `Binding` is where a name of a file comes from: declared here, or imported (`'*'` for a namespace). @internal */
export type Binding =
  | { readonly kind: 'local'; readonly node: Declaration }
  | { readonly kind: 'import'; readonly module: string; readonly imported: string };

/** `ExportEntry` is what an exported name stands for: a local name, or a re-export. @internal */
export type ExportEntry = { readonly local: string } | { readonly module: string; readonly imported: string };

/** `FileScope` indexes one file's top-level names: what it declares, imports and exports. @internal */
export interface FileScope {
  readonly names: ReadonlyMap<string, Binding>;
  readonly exports: ReadonlyMap<string, ExportEntry>;
  /** `export * from '...'` modules. */
  readonly exportStars: readonly string[];
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) =>
  tsc.canHaveModifiers(node) && (tsc.getModifiers(node) ?? []).some((m) => m.kind === kind);

const isDeclaration = (st: ts.Statement): st is Declaration =>
  tsc.isClassDeclaration(st) || tsc.isEnumDeclaration(st) || tsc.isTypeAliasDeclaration(st) || tsc.isInterfaceDeclaration(st);

/** `fileScope` indexes `file` by walking its top-level statements once. @internal */
export function fileScope(file: ts.SourceFile): FileScope {
  const names = new Map<string, Binding>();
  const exports = new Map<string, ExportEntry>();
  const exportStars: string[] = [];
  for (const st of file.statements) {
    if (isDeclaration(st)) {
      const name = st.name?.text;
      if (!name) continue;
      // Declaration merging (an enum and a namespace of one name): the first declaration wins.
      if (!names.has(name)) names.set(name, { kind: 'local', node: st });
      if (hasModifier(st, tsc.SyntaxKind.ExportKeyword)) exports.set(hasModifier(st, tsc.SyntaxKind.DefaultKeyword) ? 'default' : name, { local: name });
    } else if (tsc.isImportDeclaration(st) && tsc.isStringLiteral(st.moduleSpecifier)) {
      const module = st.moduleSpecifier.text;
      const clause = st.importClause;
      if (clause?.name) names.set(clause.name.text, { kind: 'import', module, imported: 'default' });
      const bindings = clause?.namedBindings;
      if (bindings && tsc.isNamespaceImport(bindings)) names.set(bindings.name.text, { kind: 'import', module, imported: '*' });
      else if (bindings) {
        for (const el of bindings.elements) names.set(el.name.text, { kind: 'import', module, imported: (el.propertyName ?? el.name).text });
      }
    } else if (tsc.isExportDeclaration(st)) {
      const module = st.moduleSpecifier && tsc.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      const clause = st.exportClause;
      if (!clause) {
        if (module) exportStars.push(module);
      } else if (tsc.isNamespaceExport(clause)) {
        if (module) exports.set(clause.name.text, { module, imported: '*' });
      } else {
        for (const el of clause.elements) {
          const local = (el.propertyName ?? el.name).text;
          exports.set(el.name.text, module ? { module, imported: local } : { local });
        }
      }
    } else if (tsc.isExportAssignment(st) && !st.isExportEquals && tsc.isIdentifier(st.expression)) {
      exports.set('default', { local: st.expression.text });
    }
  }
  return { names, exports, exportStars };
}
