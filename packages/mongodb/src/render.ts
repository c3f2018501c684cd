import type { MongoPlan } from './apply/plan.js';

/**
 * `renderPlan` prints what a plan runs, one line per command, as `--dry-run` shows it: the
 * command in Extended JSON (canonical key order, so the same plan always prints the same text),
 * `admin:` before a command that runs on the admin database, and the batched `update` a rewrite
 * sends. Prechecks only read and are not printed.
 */
export function renderPlan(plan: MongoPlan, batchSize: number): string[] {
  return plan.steps.map((step) => {
    if (step.kind === 'command') return `${step.target === 'admin' ? 'admin: ' : ''}${JSON.stringify(step.command)}`;
    const update = { update: step.collection, updates: [{ q: step.filter, u: step.update, multi: true }] };
    const how = step.purpose === 'catch-up'
      ? 'again for documents written meanwhile'
      : `in batches of ${batchSize} documents by _id`;
    return `${JSON.stringify(update)} (${how})`;
  });
}
