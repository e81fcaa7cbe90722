#!/usr/bin/env node
import { main, failureText } from '../dist/voortgang.js';

// A reader that stops reading (voortgang … | head) is no error: the build goes on, its output is not needed.
process.stdout.on('error', (err) => { if (err.code !== 'EPIPE') throw err; });

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`${failureText(err)}\n`);
    process.exitCode = 1;
  },
);
