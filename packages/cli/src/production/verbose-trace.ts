import { redactUrl, type StatementTrace } from '@tidemark/core';

/**
 * Secrets a statement may carry in its text (a migration's hand-written `CREATE ROLE … PASSWORD
 * '…'`, MySQL's `IDENTIFIED BY '…'`, a command document's "password" or "pwd" field); URLs with a
 * password are redacted too. Parameter values are never printed at all (see `formatTrace`).
 */
const SECRETS: readonly [RegExp, string][] = [
  [/\b(PASSWORD|IDENTIFIED\s+BY)(\s*=?\s*)'(?:[^']|'')*'/gi, "$1$2'***'"],
  [/("(?:password|pwd|secret|secretAccessKey|token)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"***"'],
];

/** `redactStatement` hides the secrets of a statement's text (see SECRETS) and every URL's password. */
export function redactStatement(text: string): string {
  return SECRETS.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), redactUrl(text));
}

/**
 * `formatTrace` is one `--verbose` line: the duration, then the statement as sent (secrets
 * hidden). Bound parameters are counted, never shown: they are the rows' values, which may be
 * personal data, and a log of a production run is read by more people than the database is.
 */
export function formatTrace(trace: StatementTrace): string {
  const ms = trace.ms < 10 ? trace.ms.toFixed(1) : String(Math.round(trace.ms));
  const params = trace.params ? `  -- ${trace.params} parameter(s), values not shown` : '';
  const text = redactStatement(trace.statement).replace(/\n/g, '\n           ');
  return `[verbose] ${ms.padStart(6)} ms  ${text}${params}${trace.failed ? '  -- FAILED' : ''}\n`;
}
