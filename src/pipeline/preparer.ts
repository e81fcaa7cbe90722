import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { SourceError, SourceErrors } from '../errors.js';
import { ROOT } from '../paths.js';
import { folderNames } from '../errors.js';
import type { Job } from './job.js';
import type { Prepared } from './prepared.js';
import type { RunContext, RunPaths } from './run-context.js';

/**
 * Where a run's jobs are prepared (prepare.ts: everything before the browser), with the run context that run
 * keeps there: made once per run, and anew per watch cycle in the preview (`newCycle`).
 */
export interface Preparer {
  prepare(job: Job): Promise<Prepared[]>;
  /** The sources or layouts may have changed (the preview's watch saw a save): the next jobs read them anew. */
  newCycle(): void;
  close(): Promise<void>;
}

/** In this thread: for a warm process (the preview, bench, tests of the pipeline). */
export function inlinePreparer(paths: RunPaths): Preparer {
  // Loaded when first needed: a command that prepares in the worker never loads the preparing code here.
  let ctx: Promise<RunContext> | undefined;
  const context = () => (ctx ??= import('./run-context.js').then(({ RunContext }) => new RunContext(paths)));
  return {
    prepare: async (job) => (await import('./prepare.js')).prepare(await context(), job),
    newCycle: () => void (ctx = undefined),
    close: async () => undefined,
  };
}

type Reply = { id: number; ok: true; prepared: Prepared[] } | { id: number; ok: false; error: SerializedError };
export type SerializedError = { kind: 'source'; errors: { file: string; line?: number; column?: number; detail: string }[] } | { kind: 'other'; message: string; stack?: string };

/** What the worker is asked: a job of a run, in the run's watch cycle (its context is kept per cycle). */
export interface PrepareRequest {
  id: number;
  cycle: number;
  paths: RunPaths;
  job: Job;
  /** Folders shown by another name in messages (unpacked git revisions): [dir, name]. */
  folders: Array<[string, string]>;
}

/**
 * In a worker thread: a cold build reads, parses and composes on the second core while the main thread loads
 * Puppeteer and starts Chromium. Errors come back as the same SourceErrors the inline path throws.
 */
export function workerPreparer(paths: RunPaths): Preparer {
  const worker = new Worker(join(ROOT, 'dist', 'prepare-worker.js'));
  worker.unref();
  const pending = new Map<number, { resolve: (d: Prepared[]) => void; reject: (e: Error) => void }>();
  let next = 0;
  let cycle = 0;
  worker.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.prepared);
    else p.reject(deserializeError(reply.error));
  });
  worker.on('error', (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  // A worker that ended (out of memory, killed) answers no more: the jobs it had are failures, not a hang.
  let ended: Error | undefined;
  worker.on('exit', (code) => {
    ended = new Error(`the preparing worker thread ended (exit code ${code})`);
    for (const p of pending.values()) p.reject(ended);
    pending.clear();
  });
  return {
    prepare(job) {
      if (ended) return Promise.reject(ended);
      const id = next++;
      worker.ref();
      // The worker names the files of unpacked git revisions as this thread does.
      const request: PrepareRequest = { id, cycle, paths, job, folders: folderNames() };
      return new Promise<Prepared[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage(request);
      }).finally(() => {
        if (pending.size === 0) worker.unref();
      });
    },
    newCycle: () => void cycle++,
    async close() {
      await worker.terminate();
    },
  };
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof SourceError) return { kind: 'source', errors: [plain(err)] };
  if (err instanceof SourceErrors) return { kind: 'source', errors: err.errors.map(plain) };
  const e = err as Error;
  return { kind: 'other', message: e?.message ?? String(err), stack: e?.stack };
}

function plain(e: SourceError) {
  return { file: e.file, line: e.line, column: e.column, detail: e.detail };
}

function deserializeError(s: SerializedError): Error {
  if (s.kind === 'other') {
    const e = new Error(s.message);
    if (s.stack) e.stack = s.stack;
    return e;
  }
  const errors = s.errors.map((e) => new SourceError(e.file, e.line, e.column, e.detail));
  return errors.length === 1 ? errors[0]! : new SourceErrors(errors);
}
