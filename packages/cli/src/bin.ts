#!/usr/bin/env node
import { ignoreClosedPipe } from './closed-pipe.js';
import { main } from './main.js';
import { exitOnInterrupt, RunProgress } from './run-progress.js';

ignoreClosedPipe(process.stdout);
ignoreClosedPipe(process.stderr);

const argv = process.argv.slice(2);
const progress = new RunProgress(argv.find((a) => !a.startsWith('-')));
exitOnInterrupt(progress, process.stderr);

process.exitCode = await main(argv, {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  progress,
});
