import type { EventSink } from './events.js';
import { callHook, errorSummary, hookWarning, type MigrationHooks } from './hooks.js';
import { withApplied } from './refusals.js';

/** `HookedRunContext` is what `runHooked` needs: the hooks, where to warn, and what the run is. */
export interface HookedRunContext {
  readonly hooks: MigrationHooks;
  readonly emit: EventSink;
  readonly direction: 'up' | 'down';
  readonly target: string;
  readonly environment?: string | undefined;
}

/**
 * `runHooked` runs `runOne` for each id in order, with the hooks around the run and around each
 * migration (their contract: `MigrationHooks`), pushing each finished id onto `done`. Any error
 * leaves with the ids that finished (`withApplied`).
 */
export async function runHooked(ctx: HookedRunContext, ids: readonly string[], runOne: (id: string) => Promise<void>, done: string[], signal?: AbortSignal): Promise<void> {
  const { hooks, emit, direction } = ctx;
  const base = { direction, target: ctx.target, ...(ctx.environment !== undefined ? { environment: ctx.environment } : {}) };
  const finished = direction === 'up' ? 'applied' : 'rolled back';
  const warn = (hook: string) => (err: unknown): void => emit({ type: 'hook-failed', hook, message: hookWarning(err) });
  const started = Date.now();
  try {
    await callHook(hooks.beforeRun, { ...base, hook: 'beforeRun', ids }, `nothing was ${finished}`);
    for (const id of ids) {
      // a stop (a fleet's Ctrl-C) comes between migrations, never inside one
      if (signal?.aborted) break;
      await callHook(hooks.beforeMigration, { ...base, hook: 'beforeMigration', id }, `${id} was not ${finished} (nothing of it ran) and the run stopped`);
      const startedAt = new Date().toISOString();
      const t0 = Date.now();
      try {
        await runOne(id);
      } catch (err) {
        await callHook(hooks.onFailure, { ...base, hook: 'onFailure', id, outcome: 'failed', startedAt, ms: Date.now() - t0, error: errorSummary(err) }, 'the migration had failed')
          .catch(warn('onFailure'));
        throw err;
      }
      done.push(id);
      await callHook(hooks.afterMigration, { ...base, hook: 'afterMigration', id, outcome: direction === 'up' ? 'applied' : 'rolled-back', startedAt, ms: Date.now() - t0 },
        `${id} stays ${finished}; the run stopped after it`);
    }
  } catch (err) {
    await callHook(hooks.afterRun, { ...base, hook: 'afterRun', ids, outcome: 'failed', done: [...done], ms: Date.now() - started, error: errorSummary(err) }, 'the run had failed')
      .catch(warn('afterRun'));
    throw withApplied(err, done);
  }
  try {
    await callHook(hooks.afterRun, { ...base, hook: 'afterRun', ids, outcome: 'ok', done: [...done], ms: Date.now() - started }, `every migration was ${finished}`);
  } catch (err) {
    throw withApplied(err, done);
  }
}
