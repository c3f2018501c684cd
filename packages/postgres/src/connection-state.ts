import type { TransactionState } from './transaction.js';

/** `ConnectionState` is what the connection and its applier share about the session. */
export interface ConnectionState extends TransactionState {
  /** Whether `withLock` holds the migration lock: the schema cannot change under us meanwhile. */
  locked: boolean;
}
