import { hookFailed, isTidemarkError } from '@tidemark/core';

/** What every hook is told: the run it belongs to. */
interface HookBase {
  readonly direction: 'up' | 'down';
  /** The environment the run was started for (`--env`, TIDEMARK_ENV), if any. */
  readonly environment?: string;
  /** The database, password hidden. */
  readonly target: string;
}

/** `MigrationHookPayload` is what a per-migration hook receives (README: Hooks); as JSON for command hooks. */
export interface MigrationHookPayload extends HookBase {
  readonly hook: 'beforeMigration' | 'afterMigration' | 'onFailure';
  readonly id: string;
  /** After the migration: how it ended. */
  readonly outcome?: 'applied' | 'rolled-back' | 'failed';
  /** ISO time the migration started (after its before-hook). */
  readonly startedAt?: string;
  /** How long it ran, retries included. */
  readonly ms?: number;
  /** `onFailure`: what failed, and where. */
  readonly error?: { readonly code: string; readonly message: string; readonly step?: number; readonly stepsApplied?: number };
}

/** `RunHookPayload` is what `beforeRun` and `afterRun` receive: the migrations the run applies or rolls back. */
export interface RunHookPayload extends HookBase {
  readonly hook: 'beforeRun' | 'afterRun';
  readonly ids: readonly string[];
  /** `afterRun`: whether every migration went through, and which did. */
  readonly outcome?: 'ok' | 'failed';
  readonly done?: readonly string[];
  readonly ms?: number;
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * `MigrationHooks` run around a real run (never a dry run), under the migration lock. A throwing
 * `beforeRun` or `beforeMigration` stops the run before that migration (nothing of it applied); a
 * throwing `afterMigration` or `afterRun` after a success fails the run (what ran stays applied);
 * a throwing `onFailure`, or `afterRun` after a failure, is reported as a warning: the failure
 * that triggered it is the error that matters.
 */
export interface MigrationHooks {
  readonly beforeRun?: (payload: RunHookPayload) => void | Promise<void>;
  readonly afterRun?: (payload: RunHookPayload) => void | Promise<void>;
  readonly beforeMigration?: (payload: MigrationHookPayload) => void | Promise<void>;
  readonly afterMigration?: (payload: MigrationHookPayload) => void | Promise<void>;
  readonly onFailure?: (payload: MigrationHookPayload) => void | Promise<void>;
}

/** `HookName` is one of the hooks. */
export type HookName = keyof MigrationHooks;

/** `errorSummary` is an error as hooks receive it. */
export function errorSummary(err: unknown): { code: string; message: string; step?: number; stepsApplied?: number } {
  if (!isTidemarkError(err)) return { code: 'TM_INTERNAL', message: err instanceof Error ? err.message : String(err) };
  const { step, stepsApplied } = err.details as { step?: unknown; stepsApplied?: unknown };
  return {
    code: err.code, message: err.message,
    ...(typeof step === 'number' ? { step } : {}), ...(typeof stepsApplied === 'number' ? { stepsApplied } : {}),
  };
}

/**
 * `callHook` runs one hook. A failure becomes TM_HOOK_FAILED (a hook that throws its own
 * TidemarkError keeps its message) with `consequence` saying what it means for the run.
 */
export async function callHook<P extends MigrationHookPayload | RunHookPayload>(
  hook: ((payload: P) => void | Promise<void>) | undefined, payload: P, consequence: string,
): Promise<void> {
  if (!hook) return;
  try {
    await hook(payload);
  } catch (err) {
    const inner = isTidemarkError(err) ? err : undefined;
    const problem = inner?.code === 'TM_HOOK_FAILED' ? inner.message.replace(/^\S+ hook /, '') : `failed: ${err instanceof Error ? err.message : String(err)}`;
    throw hookFailed(payload.hook, `${problem}; ${consequence}`,
      inner?.code === 'TM_HOOK_FAILED' ? inner.hint : 'fix the hook (or what it checks), then run again',
      { ...(inner?.details ?? {}), ...('id' in payload ? { migration: payload.id } : {}) }, err);
  }
}

/** `hookWarning` is how a hook failure that must not hide another error is reported. */
export function hookWarning(err: unknown): string {
  return isTidemarkError(err) || err instanceof Error ? err.message : String(err);
}
