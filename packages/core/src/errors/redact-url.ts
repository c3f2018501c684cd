/**
 * `redactUrl` hides the password of every connection URL in `text`, so a URL, or a message or
 * JSON document that quotes one, can be printed (README: Backends, URL row). Any scheme counts, known or not
 * (`frob://user:secret@host` is exactly the URL a user mistypes), and the password runs to the
 * last `@` of the URL, since an unencoded `@` or `/` in a password is common. Hiding too much of
 * a URL is harmless; showing a password is not.
 */
export function redactUrl(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s"'/:@]*:)[^\s"']*@/gi, '$1***@');
}
