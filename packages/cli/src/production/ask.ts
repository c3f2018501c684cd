/**
 * `askYesNo` asks a yes/no question on the terminal, No by default (Enter declines). Ctrl-C or a
 * closed terminal is a No: a run on an environment that wants confirmation never goes ahead
 * without an explicit yes.
 */
export async function askYesNo(message: string): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  try {
    return await confirm({ message, default: false });
  } catch {
    return false;
  }
}
