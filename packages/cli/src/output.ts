import { createColors } from 'picocolors';
import { describeDataChange, isTidemarkError, redactUrl, type NativeStatement, type Operation, type Warning } from '@tidemark/core';
import type { MigratorEvent, StatusReport } from '@tidemark/migrator';

/**
 * `Output` owns every line the user reads: library packages return data and never print.
 * With `--json`, human lines are suppressed and each run writes exactly one JSON document: the
 * command's result or, if anything failed (even after the result, such as closing the
 * connection), the error — kept until `flush`, so a script can always parse stdout whole.
 */
export class Output {
  readonly #json: boolean;
  #document: unknown;
  readonly #out: NodeJS.WritableStream;
  readonly #err: NodeJS.WritableStream;
  readonly #pc: ReturnType<typeof createColors>;

  constructor(json: boolean, out: NodeJS.WritableStream, err: NodeJS.WritableStream, colors: boolean) {
    this.#json = json;
    this.#out = out;
    this.#err = err;
    this.#pc = createColors(colors);
  }

  get json(): boolean {
    return this.#json;
  }

  /** `line` prints a human line (nothing in --json mode). */
  line(text = ''): void {
    if (!this.#json) this.#out.write(`${text}\n`);
  }

  /** `result` sets the command's JSON document (only in --json mode); `flush` prints it. */
  result(data: unknown): void {
    if (this.#json) this.#document = data;
  }

  /** `flush` prints the run's one JSON document, if it has one (a `--help` run has none). */
  flush(): void {
    if (this.#document === undefined) return;
    // redacted as a whole: a URL may sit in a message, a hint or the details
    this.#out.write(`${redactUrl(JSON.stringify(this.#document, null, 2))}\n`);
    this.#document = undefined;
  }

  /**
   * `progress` rewrites one status line on the terminal's stderr (a fleet's targets done / total);
   * `progress()` clears it. Callers use it only when a person watches (`CommandContext.interactive`).
   */
  progress(text?: string): void {
    if (!this.#json) this.#err.write(text === undefined ? '\r\x1b[2K' : `\r\x1b[2K${text}`);
  }

  /** `trace` writes diagnostics (--verbose, hook output) to stderr in every mode: stdout stays the command's own output. */
  trace(text: string): void {
    this.#err.write(text);
  }

  warn(text: string): void {
    if (!this.#json) this.#err.write(`${this.#pc.yellow('warning')} ${text}\n`);
  }

  /** `error` prints an error with its code and hint; --json makes `{ ok: false, error }` the run's document. */
  error(err: unknown): void {
    if (this.#json) {
      const error = isTidemarkError(err) ? err.toJSON()
        : { code: 'TM_INTERNAL', message: String((err as Error)?.message ?? err), hint: 'this is a bug in Tidemark; please report it with the command you ran' };
      this.#document = { ok: false, error };
      return;
    }
    if (isTidemarkError(err)) {
      this.#err.write(`${this.#pc.red(`error ${err.code}`)}: ${redactUrl(err.message)}\n${this.#pc.dim('hint:')} ${redactUrl(err.hint)}\n`);
    } else {
      const e = err as Error;
      this.#err.write(`${this.#pc.red('error TM_INTERNAL')}: ${redactUrl(e?.stack ?? String(err))}\n${this.#pc.dim('hint:')} this is a bug in Tidemark; please report it with the command you ran\n`);
    }
  }

  /** `event` prints migrator progress in the README's tone. */
  event(e: MigratorEvent): void {
    switch (e.type) {
      case 'applying':
        this.line(e.direction === 'up'
          ? `Applying migration: ${e.id}${e.resumeAt ? ` (resuming at step ${e.resumeAt}; the steps before it are in the database)` : ''}`
          : `Rolling back migration: ${e.id}`);
        break;
      case 'interrupted':
        this.warn(`${e.id}: an earlier run stopped part-way; ${e.decided} (read from the live schema), ${e.stepsApplied} step(s) are in the database; continuing from there`);
        break;
      case 'rolled-back-failed':
        this.line(`  ${e.id} had failed part-way: ${e.steps === 0 ? 'nothing of it was applied; its failure record is removed' : `its ${e.steps} applied step(s) were undone, newest first`}`);
        break;
      case 'applied':
        this.line(e.direction === 'up' ? `  ✅ Applied: ${e.id} ${this.#pc.dim(`(${e.ms} ms)`)}` : `  ✅ Rolled back: ${e.id} ${this.#pc.dim(`(${e.ms} ms)`)}`);
        break;
      case 'dry-run':
        this.line(this.#pc.bold(`-- ${e.id} (${e.direction}${e.resumeAt ? `, resuming at step ${e.resumeAt}` : ''})`));
        for (const w of e.warnings) this.line(this.#pc.yellow(`-- ${w.code}: ${w.message}`));
        for (const s of e.statements) this.line(!e.sql || s.endsWith(';') ? s : `${s};`);
        this.line();
        break;
      case 'out-of-order':
        this.warn(`TM_W_OUT_OF_ORDER ${e.id} is older than the newest applied migration (${e.newestApplied}); applying it in id order`);
        break;
      case 'destructive-allowed':
        for (const w of e.warnings) this.warn(`${e.id}: ${w.code} ${w.message} (${e.confirmed ? 'you answered yes' : 'allowed by --allow-destructive'})`);
        break;
      case 'lock-retry':
        this.warn(`${e.id}${e.step !== undefined ? ` step ${e.step}` : ''}: a lock timeout (${e.message}); retry ${e.attempt} of ${e.retries} in ${e.delayMs} ms${e.step !== undefined ? '' : ' (the migration was rolled back and runs again)'}`);
        break;
      case 'hook-failed':
        this.warn(`${e.hook} hook: ${e.message}`);
        break;
      case 'progress': {
        const { operation, table, done, total } = e.progress;
        this.line(this.#pc.dim(`    … ${operation} on ${table}: ${done}${total !== undefined ? ` of ${total}` : ''} item(s) done`));
        break;
      }
    }
  }

  /** `status` prints `migrate:status`. */
  status(report: StatusReport, target: string): void {
    this.line(`Migrations on ${redactUrl(target)}:`);
    if (report.entries.length === 0) this.line('  (no migrations)');
    const pc = this.#pc;
    const paint: Record<string, (s: string) => string> = {
      applied: pc.green, pending: pc.cyan, changed: pc.red, missing: pc.red, failed: pc.red, running: pc.yellow,
    };
    for (const e of report.entries) {
      const state = paint[e.state]!(e.state.padEnd(8));
      const extra = [
        e.appliedAt ? this.#pc.dim(e.appliedAt) : '',
        e.outOfOrder ? this.#pc.yellow('older than the newest applied (merged branch); will run in id order') : '',
        e.state === 'changed' ? this.#pc.red(`edited after it was applied: restore it or run \`tidemark migrate:repair ${e.id}\``) : '',
        e.state === 'missing' ? this.#pc.red(e.replacedBy ? `squashed into ${e.replacedBy}, which this database applied only part of` : 'file missing: restore it from version control') : '',
        e.squash ? this.#pc.red(`squashed from a run this database applied only part of (it has ${e.squash.recorded.join(', ')}; not ${e.squash.missing.join(', ')}): bring it to ${e.squash.last} with the files from before the squash (\`tidemark migrate:up --to ${e.squash.last}\` in a checkout of that commit), then \`tidemark migrate:up\` here`) : '',
        e.state === 'failed' ? this.#pc.red(`failed at step ${e.failedStep ?? (e.stepsApplied ?? 0) + 1}, ${e.stepsApplied ?? 0} step(s) stay applied: ${e.error ?? ''}`) : '',
        e.state === 'running' ? this.#pc.yellow(`running, or interrupted, in step ${(e.stepsApplied ?? 0) + 1} with ${e.stepsApplied ?? 0} step(s) done; the next \`tidemark migrate:up\` settles it`) : '',
      ].filter(Boolean).join('  ');
      this.line(`  ${state} ${e.id}${extra ? `  ${extra}` : ''}`);
      for (const step of e.steps ?? []) {
        const mark = step.state === 'applied' ? pc.green('applied    ') : step.state === 'failed' ? pc.red('FAILED     ')
          : step.state === 'running' ? pc.yellow('RUNNING?   ') : pc.dim('not applied');
        this.line(`      ${mark} ${String(step.index).padStart(2)}. ${describeOperation(step.operation)}`);
      }
      if (e.state === 'failed') {
        this.line(this.#pc.dim((e.stepsApplied ?? 0) > 0
          ? `      the applied steps stay in the database (no transactional DDL here). Fix the cause, then: \`tidemark migrate:up --resume\` finishes it, \`tidemark migrate:down\` undoes its applied steps; settled by hand: \`tidemark migrate:resolve ${e.id} --applied\` or \`--rolled-back\``
          : '      nothing of it stayed applied: fix the cause and run `tidemark migrate:up` again'));
      }
      if (e.state === 'running') {
        this.line(this.#pc.dim(`      if no run is in progress, it was interrupted: \`tidemark migrate:up\` continues it where the schema shows how far it got; where it cannot tell (a native statement), \`tidemark migrate:resolve ${e.id} --steps-applied <n>\` records what you find`));
      }
    }
    const count = (s: string) => report.entries.filter((e) => e.state === s).length;
    this.line(`${count('applied')} applied, ${count('pending')} pending${['changed', 'missing', 'failed', 'running'].map((s) => (count(s) ? `, ${count(s)} ${s}` : '')).join('')}`);
    if (report.fork) this.line(`${this.#pc.red(`error ${report.fork.code}`)}: ${report.fork.message}\n${this.#pc.dim('hint:')} ${report.fork.hint}`);
  }
}

/** `describeOperation` is a one-line summary of an operation for `migrate:generate`. */
export function describeOperation(o: Operation): string {
  switch (o.kind) {
    case 'createTable': return `+ table ${o.table.name}`;
    case 'dropTable': return `- table ${o.table}`;
    case 'renameTable': return `~ table ${o.from} → ${o.to}`;
    case 'addColumn': return `+ column ${o.table}.${o.column.name}`;
    case 'dropColumn': return `- column ${o.table}.${o.column}`;
    case 'alterColumn': return `~ column ${o.table}.${o.column}`;
    case 'renameColumn': return `~ column ${o.table}.${o.from} → ${o.to}`;
    case 'alterPrimaryKey': return `~ key of ${o.table} (${o.columns.join(', ')})`;
    case 'createIndex': return `+ index ${o.index.name}`;
    case 'dropIndex': return `- index ${o.index}`;
    case 'addForeignKey': return `+ foreign key ${o.foreignKey.name}`;
    case 'dropForeignKey': return `- foreign key ${o.foreignKey}`;
    case 'addCheck': return `+ check ${o.check.name}`;
    case 'dropCheck': return `- check ${o.check}`;
    case 'execute': return `! execute ${nativeText(o.statement)}`;
    case 'insert': case 'update': case 'backfill': return `! ${describeDataChange(o)}`;
  }
}

/** A native statement on one line: SQL with its whitespace collapsed, a command document as JSON. */
function nativeText(statement: NativeStatement): string {
  return typeof statement === 'string' ? statement.replace(/\s+/g, ' ').trim() : JSON.stringify(statement);
}

/** `describeWarning` renders a destructive warning. */
export function describeWarning(w: Warning): string {
  return `${w.code} ${w.message}`;
}

/**
 * `useColors` decides colours from the stream and the environment, not from picocolors' global
 * guess (which turns them on whenever CI is set, even into a pipe): NO_COLOR wins, then
 * FORCE_COLOR, then whether the stream is a terminal.
 */
export function useColors(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return Boolean((stream as { isTTY?: boolean }).isTTY);
}
