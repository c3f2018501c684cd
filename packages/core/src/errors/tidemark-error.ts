import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/**
 * A registered symbol, the same in every copy of `@tidemark/core`: a project may load two
 * copies (a backend's and the CLI bundle's), and `instanceof` would miss the other's errors.
 */
const BRAND = Symbol.for('tidemark.error');

/** `TidemarkErrorInit` is what every error factory fills in. */
export interface TidemarkErrorInit {
  readonly message: string;
  /** The next step for the user, in the imperative. */
  readonly hint: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/**
 * `TidemarkError` is the only error type Tidemark's packages throw on purpose: a stable code,
 * a message naming what happened to which object, a hint saying what to do next, and details
 * for `--json` output and tests.
 */
export class TidemarkError extends Error {
  /** Marks Tidemark errors across copies of this package (see `isTidemarkError`). */
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly hint: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, init: TidemarkErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TidemarkError';
    this.code = code;
    this.hint = init.hint;
    this.details = init.details ?? {};
  }

  /** `exitCode` is the process exit code README: CLI assigns to this error's class. */
  get exitCode(): 1 | 2 | 3 | 130 {
    return ERROR_CODES[this.code];
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

/** `isTidemarkError` tells whether `err` is a TidemarkError, optionally with a given code. */
export function isTidemarkError(err: unknown, code?: ErrorCode): err is TidemarkError {
  const branded = typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
  return branded && (code === undefined || (err as TidemarkError).code === code);
}

/** `tidemarkError` builds a TidemarkError; the named factories below are preferred. */
export function tidemarkError(code: ErrorCode, init: TidemarkErrorInit): TidemarkError {
  return new TidemarkError(code, init);
}
