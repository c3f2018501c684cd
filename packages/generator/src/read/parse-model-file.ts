import { modelInvalid } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { tsc } from './typescript.js';
import { unclosedBracket } from './unclosed-bracket.js';

/** The parser's own error list: internal to TypeScript, but stable for a decade and what `tsc` prints. */
type ParsedFile = ts.SourceFile & { readonly parseDiagnostics?: readonly ts.DiagnosticWithLocation[] };

/**
 * `parseModelFile` parses one file, syntax only, with the TypeScript compiler that ts-morph
 * ships: no program, no lib files, no type checker. ts-morph's Project would wrap every file in
 * bookkeeping the reader never uses (it walks compiler nodes directly), which cost a quarter of
 * the read on 1,000 models. Parent pointers are set: error locations need `getSourceFile()`.
 *
 * A file with a syntax error is TM_MODEL_INVALID at its first error. The parser recovers from
 * errors by skipping text, so reading on would take a half-read class for the model (an
 * unclosed `@Unique(` swallows the property after it) or, for a file that does not parse at
 * all, find no model and take the table for dropped.
 * @internal
 */
export function parseModelFile(path: string, text: string, shownAs: string): ts.SourceFile {
  const file = tsc.createSourceFile(path, text, tsc.ScriptTarget.ES2022, true, path.endsWith('.tsx') ? tsc.ScriptKind.TSX : tsc.ScriptKind.TS) as ParsedFile;
  const first = file.parseDiagnostics?.[0];
  if (first) {
    const at = file.getLineAndCharacterOfPosition(first.start).line + 1;
    const text = tsc.flattenDiagnosticMessageText(first.messageText, ' ');
    const opened = unclosedBracket(file, at);
    const more = file.parseDiagnostics!.length - 1;
    throw modelInvalid(
      { file: shownAs, line: opened?.line ?? at },
      `the file does not parse: ${opened ? `the ${opened.bracket} opened on this line is never closed (at line ${at}: ${text.replace(/\.$/, '')})` : text}` +
        `${more > 0 ? ` (and ${more} more syntax error${more > 1 ? 's' : ''})` : ''}`,
      'fix the syntax error (your editor or `npx tsc --noEmit` shows it); nothing was written',
    );
  }
  return file;
}
