// A TCP server that speaks just enough of MongoDB's wire protocol to look like a server that
// rejects commands (no MongoDB can run on this machine): it answers the driver's handshake and
// `ping` as a 6.0 standalone would, and every other command — find, findAndModify, dropDatabase
// … — with `Unauthorized` (code 13), as a server requiring authentication does.
import { createServer, type Socket } from 'node:net';
import { BSON, type Document } from 'mongodb';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

/** `FakeMongo` is a running fake server. */
export interface FakeMongo {
  /** `mongodb://127.0.0.1:<port>` */
  readonly url: string;
  /** The names of the commands it rejected, in order. */
  readonly rejected: string[];
  close(): Promise<void>;
}

function hello(connectionId: number): Document {
  return {
    helloOk: true, ismaster: true, isWritablePrimary: true, maxBsonObjectSize: 16 * 1024 * 1024, maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000, localTime: new Date(), logicalSessionTimeoutMinutes: 30, connectionId,
    minWireVersion: 0, maxWireVersion: 17, readOnly: false, ok: 1,
  };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeInt32LE(length, 0);
  b.writeInt32LE(requestId, 4);
  b.writeInt32LE(responseTo, 8);
  b.writeInt32LE(opCode, 12);
  return b;
}

/** The command document of an OP_QUERY (legacy handshake) or OP_MSG (body section) message. */
function commandOf(opCode: number, body: Buffer): Document | undefined {
  if (opCode === OP_QUERY) {
    const nameEnd = body.indexOf(0, 4);
    const at = nameEnd + 1 + 8; // skip numberToSkip and numberToReturn
    return BSON.deserialize(body.subarray(at, at + body.readInt32LE(at)));
  }
  if (opCode === OP_MSG) {
    let at = 4; // flagBits
    while (at < body.length) {
      const kind = body[at]!;
      at += 1;
      const size = body.readInt32LE(at);
      if (kind === 0) return BSON.deserialize(body.subarray(at, at + size));
      at += size; // a document sequence (kind 1): not the command itself
    }
  }
  return undefined;
}

/** `startRejectingMongo` listens on a free port of 127.0.0.1. */
export async function startRejectingMongo(): Promise<FakeMongo> {
  const rejected: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let nextId = 1;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const connectionId = ++connections;
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const length = pending.readInt32LE(0);
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        const requestId = message.readInt32LE(4);
        const opCode = message.readInt32LE(12);
        const command = commandOf(opCode, message.subarray(16));
        const name = command ? Object.keys(command)[0] ?? '' : '';
        const reply: Document = ['hello', 'ismaster', 'isMaster'].includes(name) ? hello(connectionId)
          : name === 'ping' || name === 'endSessions' ? { ok: 1 }
          : (rejected.push(name), { ok: 0, errmsg: `command ${name} requires authentication`, code: 13, codeName: 'Unauthorized' });
        const doc = Buffer.from(BSON.serialize(reply));
        if (opCode === OP_QUERY) {
          const fields = Buffer.alloc(20); // responseFlags, cursorID (8), startingFrom, numberReturned
          fields.writeInt32LE(1, 16);
          socket.write(Buffer.concat([header(16 + 20 + doc.length, nextId++, requestId, OP_REPLY), fields, doc]));
        } else {
          const flagsAndKind = Buffer.alloc(5); // flagBits 0, section kind 0
          socket.write(Buffer.concat([header(16 + 5 + doc.length, nextId++, requestId, OP_MSG), flagsAndKind, doc]));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `mongodb://127.0.0.1:${port}`,
    rejected,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
