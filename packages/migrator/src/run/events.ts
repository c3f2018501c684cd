import type { ProgressEvent, Warning } from '@tidemark/core';

/** `MigratorEvent` is what the migrator reports while it works; the CLI prints it, tests collect it. */
export type MigratorEvent =
  | { readonly type: 'applying'; readonly id: string; readonly direction: 'up' | 'down' }
  | { readonly type: 'applied'; readonly id: string; readonly direction: 'up' | 'down'; readonly ms: number }
  | {
    readonly type: 'dry-run'; readonly id: string; readonly direction: 'up' | 'down';
    /** What the backend would send: SQL statements, MongoDB command documents or DynamoDB requests as JSON. */
    readonly statements: readonly string[]; readonly warnings: readonly Warning[];
    /** Whether `statements` are SQL (printed with a terminating `;`). */
    readonly sql: boolean;
  }
  | { readonly type: 'out-of-order'; readonly id: string; readonly newestApplied: string }
  | { readonly type: 'destructive-allowed'; readonly id: string; readonly warnings: readonly Warning[] }
  /** A long data step (a back-fill, a rewrite of every item) reports how far it has got. */
  | { readonly type: 'progress'; readonly id: string; readonly progress: ProgressEvent };

/** `EventSink` receives migrator events. */
export type EventSink = (event: MigratorEvent) => void;
