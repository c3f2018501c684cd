/** Referenced from user.ts by a relative import: the reader parses this file only to resolve it. */
export type Role = 'admin' | 'member';
