/**
 * The part of the official `mongodb` driver Tidemark uses, described structurally (as Kysely does
 * for `pg`), so the package's types and `capabilities` load without the driver; `connect`
 * imports it.
 */

/** `DriverSession` is a `ClientSession`. */
export interface DriverSession {
  endSession(): Promise<void>;
}

/** `DriverDocument` is a BSON document as the driver takes and returns it. */
export type DriverDocument = Record<string, unknown>;

/** `DriverDb` is a `Db`: Tidemark only runs commands on it. */
export interface DriverDb {
  command(command: DriverDocument, options?: { readonly session?: DriverSession }): Promise<DriverDocument>;
}

/** `DriverClient` is a `MongoClient`. */
export interface DriverClient {
  connect(): Promise<unknown>;
  db(name: string): DriverDb;
  startSession(options?: { readonly causalConsistency?: boolean }): DriverSession;
  close(): Promise<void>;
}

/** `DriverEjson` is the driver's `BSON.EJSON`. */
export interface DriverEjson {
  deserialize(value: unknown, options?: { readonly relaxed?: boolean }): unknown;
  serialize(value: unknown, options?: { readonly relaxed?: boolean }): unknown;
}

/** `MongoDriver` is what `import('mongodb')` gives. */
export interface MongoDriver {
  readonly MongoClient: new (url: string, options?: Record<string, unknown>) => DriverClient;
  readonly BSON: { readonly EJSON: DriverEjson };
}
