import { cancelled } from '@tidemark/core';

/**
 * `askOrCancel` runs a terminal question; Ctrl-C (or a closed terminal) while it waits becomes
 * TM_CANCELLED (exit 130) saying `done`, instead of the prompt library's own error, which would
 * reach the user as an internal error with a stack trace.
 */
export async function askOrCancel<T>(ask: () => Promise<T>, done: string): Promise<T> {
  try {
    return await ask();
  } catch (err) {
    if (isPromptCancel(err)) throw cancelled(done);
    throw err;
  }
}

/** @inquirer/prompts rejects with `ExitPromptError` on Ctrl-C and `AbortPromptError` on an abort signal. */
function isPromptCancel(err: unknown): boolean {
  const name = (err as { name?: unknown } | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

