// A user's app outside the repository, built from the packed tarballs: the model files, the
// configuration and the tsconfig of one variant (module system × decorator mode), as the README
// tells a user to write them.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../support/project.js';
import type { PackedPackage } from './pack.js';

/** `Variant` is one way a project can be set up. */
export interface Variant {
  readonly name: string;
  /** package.json "type". */
  readonly type: 'module' | 'commonjs';
  /** tsconfig "module": `commonjs` means node10 resolution (no `exports`), nodenext follows `exports`. */
  readonly module: 'nodenext' | 'commonjs';
  /** experimentalDecorators + emitDecoratorMetadata (NestJS/TypeORM style), or TC39 standard decorators. */
  readonly decorators: 'legacy' | 'standard';
}

export const VARIANTS: readonly Variant[] = [
  { name: 'esm-nodenext-legacy', type: 'module', module: 'nodenext', decorators: 'legacy' },
  { name: 'esm-nodenext-standard', type: 'module', module: 'nodenext', decorators: 'standard' },
  { name: 'cjs-commonjs-legacy', type: 'commonjs', module: 'commonjs', decorators: 'legacy' },
  { name: 'cjs-nodenext-standard', type: 'commonjs', module: 'nodenext', decorators: 'standard' },
];

/**
 * better-sqlite3 is a native module whose prebuilt binaries come from GitHub, which this
 * machine cannot reach; compiling it takes minutes. The scratch app links the repository's
 * already-built copy: it is the driver, not what these tests are about.
 */
export const BETTER_SQLITE3 = join(REPO_ROOT, 'node_modules', 'better-sqlite3');

async function write(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

export type PackageManager = 'npm' | 'pnpm';

/**
 * The app's package.json. Tidemark's packages come from the tarballs; the ones the app does not
 * name itself (core, sql, the migrator) are pinned to their tarballs too, the way a registry
 * would serve them (npm `overrides`, pnpm `pnpm.overrides`).
 */
export function appManifest(pm: PackageManager, packed: readonly PackedPackage[], deps: readonly string[], devDeps: readonly string[]): string {
  const tarball = (name: string): string => {
    const p = packed.find((x) => x.name === name);
    if (!p) throw new Error(`no tarball for ${name}`);
    return `file:${p.tarball}`;
  };
  const pick = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, n === 'typescript' ? '~5.9.3' : tarball(n)]));
  const overrides = Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`]));
  const driver = pm === 'npm' ? `file:${BETTER_SQLITE3}` : `link:${BETTER_SQLITE3}`;
  return JSON.stringify({
    name: 'scratch-app',
    private: true,
    dependencies: { ...pick(deps), 'better-sqlite3': driver },
    devDependencies: pick(devDeps),
    ...(pm === 'npm' ? { overrides } : { pnpm: { overrides } }),
  }, null, 2);
}

const USER_LEGACY = `import { Model, Key, Auto, Unique } from '@tidemark/decorators';

@Model()
export class User {
  @Key() @Auto() id!: number;
  name!: string;
  @Unique() email!: string;
  bio?: string | null;
}
`;

const POST = `import { Model, Key, Auto, BelongsTo } from '@tidemark/decorators';
import type { Text } from '@tidemark/decorators';
import { User } from './user.js';

@Model({ table: 'blog_posts' })
export class Post {
  @Key() @Auto() id!: number;
  title!: string;
  body!: Text;
  @BelongsTo(() => User, { onDelete: 'cascade' }) author!: User;
  authorId!: number;
}
`;

/** The compiled app: imports the models (running their decorators) and prints what it made. */
const APP = `import { User } from './models/user.js';
import { Post } from './models/post.js';

const user = new User();
user.name = 'Ada';
const post = new Post();
post.title = 'Hello';
console.log(JSON.stringify({ classes: [User.name, Post.name], user: user.name, post: post.title }));
`;

/** Writes one variant's project into `dir` (a folder of the scratch app, sharing its node_modules). */
export async function writeVariant(dir: string, variant: Variant, options: { readonly config?: boolean } = {}): Promise<void> {
  const legacy = variant.decorators === 'legacy';
  await write(join(dir, 'package.json'), JSON.stringify({ name: variant.name, private: true, type: variant.type }, null, 2));
  // without it, the developer path starts with `tidemark init`, as the README's first screen does
  if (options.config !== false) await write(join(dir, 'tidemark.config.json'), JSON.stringify({ models: ['src/models/**/*.ts'], migrations: 'migrations', url: 'sqlite:app.db' }, null, 2));
  await write(join(dir, 'src', 'models', 'user.ts'), USER_LEGACY);
  await write(join(dir, 'src', 'models', 'post.ts'), POST);
  await write(join(dir, 'src', 'app.ts'), APP);
  const compilerOptions = {
    target: 'es2022',
    module: variant.module,
    ...(variant.module === 'nodenext' ? { moduleResolution: 'nodenext' } : {}),
    strict: true,
    // Our declaration files are checked too: a user's default is not ours to rely on.
    skipLibCheck: false,
    types: [],
    ...(legacy ? { experimentalDecorators: true, emitDecoratorMetadata: true } : {}),
  };
  // Models, app and migrations in one program: dist/src/app.js is the compiled app.
  await write(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...compilerOptions, outDir: 'dist', rootDir: '.' }, include: ['src', 'migrations'] }, null, 2));
}

/** Folder names anywhere under node_modules (following pnpm's .pnpm store), for "is X installed at all". */
export async function installedPackageNames(nodeModules: string): Promise<Set<string>> {
  const names = new Set<string>();
  const visit = async (dir: string, depth: number): Promise<void> => {
    if (depth > 12) return;
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry === '.bin') continue;
      const path = join(dir, entry);
      if (entry.startsWith('@')) {
        for (const scoped of await readdir(path).catch(() => [] as string[])) {
          names.add(`${entry}/${scoped}`);
          await visit(join(path, scoped, 'node_modules'), depth + 1);
        }
      } else if (entry === '.pnpm') {
        for (const store of await readdir(path).catch(() => [] as string[])) await visit(join(path, store, 'node_modules'), depth + 1);
      } else {
        names.add(entry);
        await visit(join(path, 'node_modules'), depth + 1);
      }
    }
  };
  await visit(nodeModules, 0);
  return names;
}

/** Size of a folder in bytes, not following symbolic links (a linked driver is not installed). */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  const visit = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const path = join(d, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) await visit(path);
      else total += (await stat(path)).size;
    }
  };
  await visit(dir);
  return total;
}
