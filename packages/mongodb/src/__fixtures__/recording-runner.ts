import assert from 'node:assert/strict';
import type { CommandTarget, MongoCommandRunner } from '../command-runner.js';
import type { Document } from '../document.js';

/** `Reply` is what a scripted runner answers: a reply document, or an error to throw. */
export type Reply = Document | Error;
/** `Responder` answers a command the script has no reply for. */
export type Responder = (command: Document, target: CommandTarget) => Reply;

/** `Sent` is one command the runner received. */
export interface Sent {
  readonly command: Document;
  readonly target: CommandTarget;
}

/** `cursorReply` is a cursor command's reply holding `docs` (exhausted unless `id` is given). */
export function cursorReply(docs: readonly Document[], options: { id?: number | { $numberLong: string }; ns?: string; next?: boolean } = {}): Document {
  return { cursor: { id: options.id ?? 0, ...(options.ns ? { ns: options.ns } : {}), [options.next ? 'nextBatch' : 'firstBatch']: docs }, ok: 1 };
}
/** `countReply` is the reply of an `aggregate` ending in `$count: 'n'`. */
export const countReply = (n: number): Document => cursorReply(n > 0 ? [{ n }] : []);
/** `writeReply` is the reply of an `update`. */
export const writeReply = (n: number, nModified = n): Document => ({ n, nModified, ok: 1 });
/** `OK` is a plain success. */
export const OK: Document = { ok: 1 };

/** The default answer: success, and an empty cursor for cursor commands. */
export const emptyResponder: Responder = (command) => {
  const name = Object.keys(command)[0];
  if (name === 'find' || name === 'aggregate' || name === 'listCollections' || name === 'listIndexes') return cursorReply([]);
  if (name === 'update' || name === 'delete') return writeReply(0);
  return OK;
};

/**
 * `RecordingRunner` records every command and answers from a script (in order), then from a
 * responder. It asserts the seam's contract on every command: plain Extended JSON that survives
 * JSON text unchanged (no undefined, no functions, no class instances).
 */
export class RecordingRunner implements MongoCommandRunner {
  readonly databaseName: string;
  readonly sent: Sent[] = [];
  readonly #script: Reply[];
  readonly #byName = new Map<string, Reply[]>();
  readonly #responder: Responder;

  constructor(options: { databaseName?: string; script?: readonly Reply[]; responder?: Responder } = {}) {
    this.databaseName = options.databaseName ?? 'app';
    this.#script = [...(options.script ?? [])];
    this.#responder = options.responder ?? emptyResponder;
  }

  /** `script` adds replies to the queue every command takes from, in order. */
  script(...replies: Reply[]): this {
    this.#script.push(...replies);
    return this;
  }

  /** `on` queues replies for the next commands called `name` (before the general script). */
  on(name: string, ...replies: Reply[]): this {
    this.#byName.set(name, [...(this.#byName.get(name) ?? []), ...replies]);
    return this;
  }

  async command(command: Document, target: CommandTarget = 'database'): Promise<Document> {
    assert.deepStrictEqual(JSON.parse(JSON.stringify(command)), command, `not plain Extended JSON: ${JSON.stringify(command)}`);
    this.sent.push({ command: structuredClone(command), target });
    const named = this.#byName.get(Object.keys(command)[0]!);
    const reply = named && named.length > 0 ? named.shift()! : this.#script.length > 0 ? this.#script.shift()! : this.#responder(command, target);
    if (reply instanceof Error) throw reply;
    return structuredClone(reply);
  }

  /** `commands` are the command documents sent so far. */
  get commands(): Document[] {
    return this.sent.map((s) => s.command);
  }

  /** `names` are the names of the commands sent so far (`create`, `collMod`…). */
  get names(): string[] {
    return this.sent.map((s) => Object.keys(s.command)[0]!);
  }

  /** `clear` forgets the commands sent so far. */
  clear(): void {
    this.sent.length = 0;
  }

  /** `unanswered` is how many scripted replies are left (0 when the script was followed exactly). */
  get unanswered(): number {
    return this.#script.length + [...this.#byName.values()].reduce((n, q) => n + q.length, 0);
  }
}

/** Commands that only read. */
export const READ_COMMANDS = new Set(['find', 'aggregate', 'getMore', 'killCursors', 'listCollections', 'listIndexes']);
