/**
 * Stopping from outside (Ctrl-C, SIGTERM, SIGHUP) without cutting a write in two. The replacing of a document's
 * files — its PDF and its HTML renamed over the old ones, one after the other — is uninterrupted: a stop that
 * comes meanwhile waits until the last rename (a few milliseconds), so that output/ holds the old pair or the
 * new one, never a new PDF beside the old HTML. Once a stop is asked for, no new replacing starts.
 */
import { constants } from 'node:os';
import { UserError } from './errors.js';

/** The signals that stop a command from outside: Ctrl-C, `kill`, its terminal closed. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The exit code of a command stopped by `signal`, as a shell gives it: 128 + the signal's number (130, 143, 129). */
export function stoppedExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

let open = 0;
let stopping = false;
const waiting: Array<() => void> = [];

/** The process is stopping: no further uninterrupted work may start. */
export class Stopping extends UserError {
  constructor() {
    super('stopped from outside (Ctrl-C, SIGTERM or SIGHUP) before the files were replaced: nothing was written');
  }
}

/** Runs `work` so that a stop asked for meanwhile waits for it; refused once a stop has been asked for. */
export async function uninterrupted<T>(work: () => Promise<T>): Promise<T> {
  if (stopping) throw new Stopping();
  open++;
  try {
    return await work();
  } finally {
    if (--open === 0) for (const done of waiting.splice(0)) done();
  }
}

/**
 * Stops the process with `code` once no uninterrupted work is running (at once when none is); a second stop
 * asked for while waiting exits at once. `exit` is process.exit (a test passes its own).
 */
export function stopWhenSafe(code: number, exit: (code: number) => void = (c) => process.exit(c)): void {
  if (stopping) return exit(code);
  stopping = true;
  if (open === 0) return exit(code);
  waiting.push(() => exit(code));
}
