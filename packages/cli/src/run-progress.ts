import type { MigratorEvent } from '@tidemark/migrator';

/**
 * `RunProgress` remembers what a run has done so far, so Ctrl-C can say it: the migrations
 * applied or rolled back, and the one in progress. The CLI feeds it every migrator event.
 */
export class RunProgress {
  readonly done: string[] = [];
  current: { id: string; direction: 'up' | 'down' } | undefined;
  /** How the database keeps a run: set once connected (see `connectedTo`). */
  #keeps: 'whole-run' | 'each-migration' | 'each-step' | undefined;

  constructor(readonly command: string | undefined) {}

  /**
   * `connectedTo` says what an interrupted run leaves: SQLite holds its lock as one transaction
   * around the whole run (lock.ts), so nothing of the run stays; PostgreSQL runs each migration
   * in its own transaction; the others keep every finished step.
   */
  connectedTo(dialect: string, transactionalDdl: boolean): void {
    this.#keeps = dialect === 'sqlite' ? 'whole-run' : transactionalDdl ? 'each-migration' : 'each-step';
  }

  event(e: MigratorEvent): void {
    if (e.type === 'applying') this.current = { id: e.id, direction: e.direction };
    if (e.type === 'applied') {
      this.done.push(e.id);
      this.current = undefined;
    }
  }

  /** `summary` is the line Ctrl-C prints: "cancelled, " and what was done, then what to do next. */
  summary(): { message: string; hint: string } {
    const verb = this.current?.direction === 'down' || this.command === 'migrate:down' ? 'rolled back' : 'applied';
    if (this.done.length === 0 && !this.current) {
      return { message: 'cancelled, nothing written', hint: 'run the command again when you are ready' };
    }
    const hint = 'run `tidemark migrate:status` to see where the database is';
    const all = [...this.done, ...(this.current ? [this.current.id] : [])];
    if (this.#keeps === 'whole-run') {
      return { message: `cancelled, nothing was ${verb}: the run was one transaction, rolled back (${all.join(', ')})`, hint };
    }
    const done = this.done.length > 0 ? `${verb}: ${this.done.join(', ')}` : `nothing was ${verb}`;
    const current = !this.current ? ''
      : this.#keeps === 'each-migration' ? `; ${this.current.id} was in progress and is rolled back with its transaction`
        : `; ${this.current.id} was in progress: its finished steps stay, and the next \`tidemark migrate:up\` settles it`;
    return { message: `cancelled, ${done}${current}`, hint };
  }
}

/** A command that takes Ctrl-C over while it runs (a fleet stops between migrations), if any. */
let interruptHandler: (() => void) | undefined;
let exitInstalled = false;

/**
 * `handleInterrupt` lets a command answer Ctrl-C itself while it runs, instead of the exit below;
 * it returns the undo. In a process without `exitOnInterrupt` (the API, tests) it listens itself.
 */
export function handleInterrupt(fn: () => void): () => void {
  if (!exitInstalled) {
    process.on('SIGINT', fn);
    return () => { process.off('SIGINT', fn); };
  }
  interruptHandler = fn;
  return () => { if (interruptHandler === fn) interruptHandler = undefined; };
}

/**
 * `exitOnInterrupt` makes Ctrl-C while a command runs (not at a question: a prompt reads the key
 * itself) print what was done and exit 130, as a shell reports a process stopped by SIGINT, with
 * no stack trace. Exiting closes the connection, so the database rolls back an open transaction
 * and lets go of its lock. A command that handles Ctrl-C itself (`handleInterrupt`) gets it instead.
 */
export function exitOnInterrupt(progress: RunProgress, stderr: NodeJS.WritableStream): void {
  exitInstalled = true;
  process.on('SIGINT', () => {
    if (interruptHandler) {
      interruptHandler();
      return;
    }
    const { message, hint } = progress.summary();
    stderr.write(`\n${message}\nhint: ${hint}\n`);
    process.exit(130);
  });
}
