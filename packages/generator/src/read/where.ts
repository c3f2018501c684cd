import { modelInvalid, type SourceLocation, type TidemarkError } from '@tidemark/core';
import type { ts } from 'ts-morph';
import { codeFrame } from './code-frame.js';
import type { ModelSources } from './model-sources.js';

/** `Where` is the model (and property) a reader error is about. @internal */
export interface Where {
  readonly sources: ModelSources;
  readonly model: string;
  readonly property?: string;
}

/** `lineNumber` is the 1-based line where `node` starts (after comments, with its decorators). @internal */
export function lineNumber(node: ts.Node): number {
  const file = node.getSourceFile();
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

/**
 * `invalid` is TM_MODEL_INVALID at `node`: its file relative to the working directory, its
 * 1-based line, and the model and property it belongs to.
 * @internal
 */
export function invalid(where: Where, node: ts.Node, problem: string, hint: string): TidemarkError {
  const loc: SourceLocation = {
    file: where.sources.relativePath(node.getSourceFile()),
    line: lineNumber(node),
    model: where.model,
    ...(where.property !== undefined ? { property: where.property } : {}),
  };
  return modelInvalid(loc, problem, hint);
}

/** `lineOf` is how another declaration is named inside a message: `src/role.ts:3`. @internal */
export function lineOf(where: Where, node: ts.Node): string {
  return `${where.sources.relativePath(node.getSourceFile())}:${lineNumber(node)}`;
}

/**
 * `unevaluable` is TM_MODEL_INVALID for an expression the static reader cannot evaluate (it
 * reads, never runs, the models): at its line and column, with a code frame pointing at it.
 * @internal
 */
export function unevaluable(where: Where, node: ts.Node, problem: string, hint: string): TidemarkError {
  const file = node.getSourceFile();
  const at = file.getLineAndCharacterOfPosition(node.getStart(file));
  const loc: SourceLocation = {
    file: where.sources.relativePath(file),
    line: at.line + 1,
    column: at.character + 1,
    model: where.model,
    ...(where.property !== undefined ? { property: where.property } : {}),
  };
  return modelInvalid(loc, `${problem}\n${codeFrame(node)}`, hint);
}
