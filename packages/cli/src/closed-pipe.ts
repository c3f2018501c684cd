/**
 * `ignoreClosedPipe` lets the CLI outlive a reader that stops early (`tidemark migrate:status |
 * head -1`): once the pipe is closed, what is left to print has nobody to read it, which is no
 * error — and no stack trace. The command itself carries on and exits with its own code, since
 * stopping an `up` half-way because its reader went away would leave a migration part-applied.
 * Any other stream error is still fatal, as before.
 */
export function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    throw err;
  });
}
