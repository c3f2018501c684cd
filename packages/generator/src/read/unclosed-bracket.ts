import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/**
 * `unclosedBracket` is the innermost bracket, and its line, still open at `pos`, when that is what a
 * syntax error at `pos` is about ("',' expected", "')' expected"): the parser notices an unclosed
 * `@Unique(` only at the next line, and that line is not where the mistake is. `undefined` when
 * the error is about something else or the bracket opens on the error's own line.
 * @internal
 */
export function unclosedBracket(file: ts.SourceFile, pos: number, message: string): { line: number; bracket: string } | undefined {
  const expected = /^'([),\]}])' expected/.exec(message)?.[1];
  if (!expected) return undefined;
  const scanner = tsc.createScanner(tsc.ScriptTarget.ES2022, true, tsc.LanguageVariant.Standard, file.text);
  const open: { char: string; pos: number }[] = [];
  for (let kind = scanner.scan(); kind !== tsc.SyntaxKind.EndOfFileToken && scanner.getTokenStart() < pos; kind = scanner.scan()) {
    const text = scanner.getTokenText();
    if (OPENERS[text]) open.push({ char: text, pos: scanner.getTokenStart() });
    else if (text === ')' || text === ']' || text === '}') open.pop();
  }
  const top = open.at(-1);
  if (!top || (expected !== ',' && OPENERS[top.char] !== expected)) return undefined;
  const line = file.getLineAndCharacterOfPosition(top.pos).line + 1;
  return line < file.getLineAndCharacterOfPosition(pos).line + 1 ? { line, bracket: top.char } : undefined;
}
