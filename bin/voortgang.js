#!/usr/bin/env node
import { main, UsageError } from '../dist/voortgang.js';

// A reader that stops reading (voortgang … | head) is no error: the build goes on, its output is not needed.
process.stdout.on('error', (err) => { if (err.code !== 'EPIPE') throw err; });

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(err instanceof UsageError ? `voortgang: ${err.message}\n` : `voortgang: ${err?.stack ?? err}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 3;
  },
);
