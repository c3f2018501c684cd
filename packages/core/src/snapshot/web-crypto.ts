/**
 * Core runs on any JavaScript runtime (no `node:` imports), so it hashes with the Web Crypto
 * API that Node 20, Deno, Bun and browsers share. These are the few global types it uses.
 */
interface WebCrypto {
  readonly subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> };
}
interface WebTextEncoder {
  encode(text: string): Uint8Array;
}
const g = globalThis as unknown as { crypto: WebCrypto; TextEncoder: new () => WebTextEncoder };

/** `sha256Hex` hashes UTF-8 text and returns lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await g.crypto.subtle.digest('SHA-256', new g.TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
