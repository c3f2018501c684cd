import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';

const CLOSER: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/**
 * `unclosedBracket` is the first bracket of `file` that is never closed, and its line, when it
 * opens on or before `errorLine`: the parser notices an unclosed `@Unique(` only where the next
 * token makes no sense, often lines later, and that line is not where the mistake is. A closer
 * that skips an opener (`( ... }`) leaves that opener unclosed; a stray closer is ignored. It
 * scans tokens, not the syntax tree, so it is a best effort for a file that already failed to
 * parse: `undefined` when every bracket is closed.
 * @internal
 */
export function unclosedBracket(file: ts.SourceFile, errorLine: number): { line: number; bracket: string } | undefined {
  const scanner = tsc.createScanner(tsc.ScriptTarget.ES2022, true, tsc.LanguageVariant.Standard, file.text);
  const open: { char: string; pos: number }[] = [];
  const unclosed: number[] = [];
  for (let kind = scanner.scan(); kind !== tsc.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const text = scanner.getTokenText();
    if (CLOSER[text]) open.push({ char: text, pos: scanner.getTokenStart() });
    else if (text === ')' || text === ']' || text === '}') {
      const match = open.map((o) => CLOSER[o.char]).lastIndexOf(text);
      if (match < 0) continue;
      for (const skipped of open.splice(match + 1)) unclosed.push(skipped.pos);
      open.pop();
    }
  }
  const all = [...unclosed, ...open.map((o) => o.pos)].sort((a, b) => a - b);
  const first = all[0];
  if (first === undefined) return undefined;
  const line = file.getLineAndCharacterOfPosition(first).line + 1;
  return line <= errorLine ? { line, bracket: file.text[first]! } : undefined;
}
