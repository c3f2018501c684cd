// Packs every workspace package the way `npm pack` does for a release, without touching the
// repository: each package is copied to a staging folder under os.tmpdir() and packed there, so
// its prepack/postpack hooks (scripts/pack-manifest.mjs) rewrite the copy's package.json, never
// the one other test files are resolving through the "source" condition at the same time.
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/project.js';

export const PACKAGES_DIR = join(REPO_ROOT, 'packages');
export const PACK_MANIFEST_SCRIPT = join(REPO_ROOT, 'scripts', 'pack-manifest.mjs');

/** `CommandResult` is what one child process printed and how it ended. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Thrown when a command the test depends on fails: it carries the command's own output. */
export class CommandFailed extends Error {
  constructor(readonly command: string, readonly result: CommandResult) {
    super(`${command} exited with ${result.code}\n--- stdout\n${result.stdout.slice(-4000)}\n--- stderr\n${result.stderr.slice(-4000)}`);
    this.name = 'CommandFailed';
  }
}

/**
 * A clean environment for a scratch app: nothing of this repository's test run (no
 * TIDEMARK_*, no DATABASE_URL, no npm_config_* that `npm test` exports, no NODE_OPTIONS),
 * so what runs is what a user's shell would run.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot', 'USERPROFILE'];
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key] !== undefined) env[key] = process.env[key];
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs a command; resolves with its output whatever the exit code, rejects only on timeout. */
export function runCommand(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new CommandFailed(`${command} ${args.join(' ')} (timed out after ${options.timeoutMs} ms)`, { code: null, stdout, stderr }));
    }, options.timeoutMs ?? 120_000);
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** Runs a command that must succeed. */
export async function mustRun(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) throw new CommandFailed(`${command} ${args.join(' ')} (in ${options.cwd})`, result);
  return result;
}

/** The workspace packages, by folder name. */
export async function workspacePackages(): Promise<string[]> {
  const names = await readdir(PACKAGES_DIR);
  const out: string[] = [];
  for (const name of names.sort()) {
    try {
      await readFile(join(PACKAGES_DIR, name, 'package.json'), 'utf8');
      out.push(name);
    } catch {
      // not a package folder
    }
  }
  return out;
}

/** `PackedPackage` is one tarball and the package it came from. */
export interface PackedPackage {
  readonly folder: string;
  readonly name: string;
  readonly tarball: string;
}

/**
 * `packAll` packs every workspace package into `<work>/tarballs`. The staging copy's hooks call
 * this repository's scripts/pack-manifest.mjs by absolute path: the same script, the same steps.
 */
export async function packAll(work: string): Promise<PackedPackage[]> {
  const tarballs = join(work, 'tarballs');
  await mkdir(tarballs, { recursive: true });
  const folders = await workspacePackages();
  const stageOne = async (folder: string): Promise<{ folder: string; name: string; stage: string }> => {
    const stage = join(work, 'stage', folder);
    await cp(join(PACKAGES_DIR, folder), stage, { recursive: true, filter: (src) => !src.includes(`${folder}/node_modules`) });
    const manifestPath = join(stage, 'package.json');
    const pkg = JSON.parse(await readFile(manifestPath, 'utf8')) as { name: string; scripts?: Record<string, string> };
    for (const hook of ['prepack', 'postpack'] as const) {
      if (pkg.scripts?.[hook] !== `node ../../scripts/pack-manifest.mjs ${hook}`) {
        throw new Error(`${pkg.name}: scripts.${hook} must run scripts/pack-manifest.mjs (found ${JSON.stringify(pkg.scripts?.[hook])})`);
      }
      pkg.scripts[hook] = `node ${JSON.stringify(PACK_MANIFEST_SCRIPT)} ${hook}`;
    }
    await writeFile(manifestPath, JSON.stringify(pkg, null, 2));
    return { folder, name: pkg.name, stage };
  };
  const staged = await Promise.all(folders.map(stageOne));
  // One npm process packs them all (each folder's hooks still run): npm's start-up is most of the cost.
  const result = await mustRun('npm', ['pack', '--json', '--pack-destination', tarballs, ...staged.map((s) => s.stage)], { cwd: work, env: cleanEnv(), timeoutMs: 180_000 });
  const infos = JSON.parse(result.stdout) as { name: string; filename: string }[];
  return staged.map(({ folder, name }) => {
    const info = infos.find((i) => i.name === name);
    if (!info) throw new Error(`npm pack did not report ${name}`);
    return { folder, name, tarball: join(tarballs, info.filename) };
  });
}
