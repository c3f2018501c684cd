import type { ProgressEvent, Warning } from '@tidemark/core';

/** `MigratorEvent` is what the migrator reports while it works; the CLI prints it, tests collect it. */
export type MigratorEvent =
  /** `resumeAt`: a resumed migration starts at this 1-based step (the ones before it are in the database). */
  | { readonly type: 'applying'; readonly id: string; readonly direction: 'up' | 'down'; readonly resumeAt?: number }
  /** A run killed part-way was found under the lock and its step decided from the live schema. */
  | { readonly type: 'interrupted'; readonly id: string; readonly stepsApplied: number; readonly decided: string }
  /** `down` undid the applied steps of a failed migration (`steps` of them), newest first. */
  | { readonly type: 'rolled-back-failed'; readonly id: string; readonly steps: number }
  | { readonly type: 'applied'; readonly id: string; readonly direction: 'up' | 'down'; readonly ms: number }
  | {
    readonly type: 'dry-run'; readonly id: string; readonly direction: 'up' | 'down';
    /** What the backend would send: SQL statements, MongoDB command documents or DynamoDB requests as JSON. */
    readonly statements: readonly string[]; readonly warnings: readonly Warning[];
    /** Whether `statements` are SQL (printed with a terminating `;`). */
    readonly sql: boolean;
    /** A resumed migration would start at this 1-based step. */
    readonly resumeAt?: number;
  }
  | { readonly type: 'out-of-order'; readonly id: string; readonly newestApplied: string }
  /** `confirmed`: allowed by the person at the terminal, not by --allow-destructive. */
  | { readonly type: 'destructive-allowed'; readonly id: string; readonly warnings: readonly Warning[]; readonly confirmed?: true }
  /**
   * A statement gave up waiting for another session's lock; the migration (`step` absent: it ran in
   * a transaction) or its step `step` runs again after `delayMs` (retry `attempt` of `retries`).
   */
  | {
    readonly type: 'lock-retry'; readonly id: string; readonly attempt: number; readonly retries: number;
    readonly delayMs: number; readonly message: string; readonly step?: number;
  }
  /** A hook failed where its failure must not hide the run's own outcome (`onFailure`, `afterRun` after a failure). */
  | { readonly type: 'hook-failed'; readonly hook: string; readonly message: string }
  /** A long data step (a back-fill, a rewrite of every item) reports how far it has got. */
  | { readonly type: 'progress'; readonly id: string; readonly progress: ProgressEvent };

/** `EventSink` receives migrator events. */
export type EventSink = (event: MigratorEvent) => void;
