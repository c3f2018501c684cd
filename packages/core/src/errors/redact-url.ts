/** `redactUrl` hides the password of a connection URL, so it can be printed (README: Backends, URL row). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*:)([^@/]*)@/i, '$1***@');
}
