/**
 * `suggestCommand` is the registered command a mistyped one most likely meant: the one whose
 * part after the colon is the word (`status` → `migrate:status`), else the closest by edit
 * distance when it is close enough to be a typo (`migrate:stauts`). `undefined` when none is.
 */
export function suggestCommand(word: string, commands: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  const bySuffix = commands.find((c) => c.split(':').at(-1) === typed || c === typed);
  if (bySuffix) return bySuffix;
  let best: { name: string; distance: number } | undefined;
  for (const name of commands) {
    // compare with the whole name and with its part after the colon (`stauts` → `migrate:status`)
    const distance = Math.min(editDistance(typed, name), editDistance(typed, name.split(':').at(-1)!));
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(typed.length / 3)) ? best.name : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions (a swap counts as two). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
