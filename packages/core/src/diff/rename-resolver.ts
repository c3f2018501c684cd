/** `RenameQuestion` asks whether `added` is one of `removed` under a new name. */
export interface RenameQuestion {
  readonly kind: 'table' | 'column';
  /** For columns: the table they belong to. */
  readonly table?: string;
  readonly added: string;
  readonly removed: readonly string[];
}

/**
 * `RenameResolver` answers rename questions: the old name `added` was renamed from, or
 * `undefined` when it is new. The CLI asks on a terminal; tests pass a table of answers.
 */
export type RenameResolver = (question: RenameQuestion) => Promise<string | undefined>;

/** `RenamePolicy` decides what happens to a removed+added pair no hint resolves. */
export type RenamePolicy =
  /** Stop with TM_RENAME_AMBIGUOUS naming the flags (no terminal to ask on). */
  | { readonly mode: 'refuse' }
  /** Treat every such pair as drop + add (`--no-rename`). */
  | { readonly mode: 'none' }
  /** Ask the resolver (a terminal prompt). */
  | { readonly mode: 'ask'; readonly resolver: RenameResolver };
