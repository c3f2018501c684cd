import { spawn } from 'node:child_process';
import { hookFailed } from '@tidemark/core';
import type { MigrationHookPayload, MigrationHooks, RunHookPayload } from '@tidemark/migrator';
import type { HookCommands } from './config-production.js';

/**
 * A hook runs under the migration lock, so one that hangs would hold every other run (and, on a
 * backend with a lock lease, production) for ever: after this long it is stopped and fails.
 */
export const HOOK_TIMEOUT_MS = 10 * 60_000;

/** `HookCommandOptions` say where hook commands run and where their output goes. */
export interface HookCommandOptions {
  /** The config's folder: hook commands run there, as every path in the config is relative to it. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Receives everything a hook prints (stdout and stderr): the CLI sends it to stderr, so --json stays parseable. */
  readonly output: (chunk: string) => void;
  /** How long a command may run (default HOOK_TIMEOUT_MS); tests shorten it. */
  readonly timeoutMs?: number;
}

/**
 * `runHookCommand` runs one hook command with `sh -c` (the shell a package.json script gets),
 * giving it the payload as JSON on stdin and in TIDEMARK_HOOK_PAYLOAD, and the common fields as
 * plain variables (TIDEMARK_HOOK, TIDEMARK_MIGRATION_ID, TIDEMARK_ENV, TIDEMARK_OUTCOME). A
 * command that exits non-zero, or is killed, is TM_HOOK_FAILED.
 */
export function runHookCommand(command: string, payload: MigrationHookPayload | RunHookPayload, options: HookCommandOptions): Promise<void> {
  const json = JSON.stringify(payload);
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    TIDEMARK_HOOK: payload.hook,
    TIDEMARK_HOOK_PAYLOAD: json,
    ...('id' in payload ? { TIDEMARK_MIGRATION_ID: payload.id } : {}),
    ...(payload.environment !== undefined ? { TIDEMARK_ENV: payload.environment } : {}),
    ...(payload.outcome !== undefined ? { TIDEMARK_OUTCOME: payload.outcome } : {}),
  };
  return new Promise((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? HOOK_TIMEOUT_MS;
    // its own process group, so a timeout stops the shell and whatever it started (which would keep the pipes open)
    const child = spawn(command, { shell: true, cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => options.output(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => options.output(chunk.toString()));
    // a hook that does not read its stdin closes the pipe early: that is not its failure
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${json}\n`);
    child.on('error', (err) => reject(hookFailed(payload.hook, `command \`${command}\` could not start (${err.message})`, 'fix the command in "hooks" of tidemark.config.json', { command }, err)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const how = timedOut ? `ran longer than ${timeoutMs / 1000} s and was stopped` : signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(hookFailed(payload.hook, `command \`${command}\` ${how}`,
        'its output is above; fix what it reports (or the hook), then run again', { command, exitCode: code }));
    });
  });
}

/** `hookCommands` turns the config's `hooks` into the migrator's hooks. */
export function hookCommands(commands: HookCommands, options: HookCommandOptions): MigrationHooks {
  const hooks: Record<string, (payload: MigrationHookPayload | RunHookPayload) => Promise<void>> = {};
  for (const [name, command] of Object.entries(commands)) {
    if (typeof command === 'string') hooks[name] = (payload) => runHookCommand(command, payload, options);
  }
  return hooks as MigrationHooks;
}
