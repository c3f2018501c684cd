import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '@tidemark/cli';

/** The repository root: temp projects live under it so migration files resolve @tidemark/core. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `TempProject` is a throw-away Tidemark project: a config, model files, a migrations folder. */
export interface TempProject {
  readonly dir: string;
  write(path: string, text: string): Promise<void>;
  read(path: string): Promise<string>;
  remove(path: string): Promise<void>;
  migrations(): Promise<string[]>;
  /** Runs `tidemark <args>` in-process and captures its output. */
  run(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliResult>;
  cleanup(): Promise<void>;
}

/** `CliResult` is what one CLI run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sink(): { stream: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { chunks.push(String(chunk)); cb(); } });
  return { stream, text: () => chunks.join('') };
}

/** `createProject` makes a temp project under `<repo>/.tmp/` with a config pointing at `models/`. */
export async function createProject(url = 'sqlite:app.db'): Promise<TempProject> {
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true });
  const dir = await mkdtemp(join(REPO_ROOT, '.tmp', 'project-'));
  const write = async (path: string, text: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  };
  await write('tidemark.config.json', JSON.stringify({ models: ['models/**/*.ts'], migrations: 'migrations', url }, null, 2));
  return {
    dir,
    write,
    read: (path) => readFile(join(dir, path), 'utf8'),
    remove: (path) => rm(join(dir, path), { force: true }),
    migrations: async () => (await readdir(join(dir, 'migrations')).catch(() => [] as string[])).filter((f) => f.endsWith('.ts')).sort(),
    run: async (args, env = {}) => {
      const out = sink();
      const err = sink();
      const code = await main(args, { cwd: dir, env: { ...env }, stdout: out.stream, stderr: err.stream, interactive: false });
      return { code, stdout: out.text(), stderr: err.text() };
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
