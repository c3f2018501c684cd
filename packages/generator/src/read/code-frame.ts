import type { ts } from 'ts-morph';

/**
 * `codeFrame` shows `node` in its file as compilers do: the line before it, its line marked with
 * `>`, and carets under the node (to the end of its line when it spans several), so an error
 * about one expression points at it, not only at its line.
 * @internal
 */
export function codeFrame(node: ts.Node): string {
  const file = node.getSourceFile();
  const start = file.getLineAndCharacterOfPosition(node.getStart(file));
  const end = file.getLineAndCharacterOfPosition(node.getEnd());
  const lines = file.text.split(/\r?\n/);
  const width = String(start.line + 1).length;
  const gutter = (n: number | undefined) => (n === undefined ? ' '.repeat(width) : String(n).padStart(width));
  const text = lines[start.line] ?? '';
  const caretEnd = end.line === start.line ? end.character : text.length;
  const out: string[] = [];
  if (start.line > 0) out.push(`  ${gutter(start.line)} | ${lines[start.line - 1]}`);
  out.push(`> ${gutter(start.line + 1)} | ${text}`);
  out.push(`  ${gutter(undefined)} | ${' '.repeat(start.character)}${'^'.repeat(Math.max(1, caretEnd - start.character))}`);
  return out.join('\n');
}
