import type { RenameResolver } from '@tidemark/core';
import { askOrCancel } from './prompt-cancel.js';

/**
 * `promptRenames` asks at the terminal whether an added table or column is a renamed one,
 * so a rename never silently becomes drop + add (which loses the data).
 */
export const promptRenames: RenameResolver = async (q) => {
  const { select } = await import('@inquirer/prompts');
  const where = q.table ? ` in ${q.table}` : '';
  const answer = await askOrCancel(() => select<string>({
    message: `Is ${q.kind} ${q.added}${where} new, or renamed from an existing one?`,
    choices: [
      ...q.removed.map((r) => ({ name: `~ ${r} → ${q.added} (rename: keeps the data)`, value: r })),
      { name: `+ ${q.added} is new (the removed ${q.kind} is dropped with its data)`, value: '' },
    ],
  }), 'nothing written');
  return answer === '' ? undefined : answer;
};
