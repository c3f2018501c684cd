import { createHash } from 'node:crypto';

/** `contentHash` identifies a file's text (sha1 is enough: this detects edits, it does not defend against anyone). @internal */
export function contentHash(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('base64url');
}
