import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { SourceError, SourceErrors } from '../errors.js';
import { ROOT } from '../paths.js';
import type { BuildPaths, PreparedDocument } from './prepare-document.js';
import type { DiffRequest, PreparedDiff } from '../diff/prepare-diff.js';
import { folderNames } from '../errors.js';

/** The part of a build before the browser, run where it costs least. */
export interface Preparer {
  prepare(paths: BuildPaths, year: string, dataFile: string): Promise<PreparedDocument[]>;
  /** The redline's part before the browser (`voortgang diff`): both revisions loaded, compared, composed. */
  prepareDiff(request: DiffRequest): Promise<PreparedDiff>;
  close(): Promise<void>;
}

/** In this thread: for a warm process (watch, bench, tests of the pipeline). */
export const inlinePreparer: Preparer = {
  prepare: async (...args) => (await import('./prepare-document.js')).prepareDocument(...args),
  prepareDiff: async (request) => (await import('../diff/prepare-diff.js')).prepareDiff(request),
  close: async () => undefined,
};

type Reply = { id: number; ok: true; docs: PreparedDocument[] | PreparedDiff } | { id: number; ok: false; error: SerializedError };
export type SerializedError = { kind: 'source'; errors: { file: string; line?: number; column?: number; detail: string }[] } | { kind: 'other'; message: string; stack?: string };

/**
 * In a worker thread: a cold build reads, parses and composes on the second core while the main thread loads
 * Puppeteer and starts Chromium. Errors come back as the same SourceErrors the inline path throws.
 */
export function workerPreparer(): Preparer {
  const worker = new Worker(join(ROOT, 'dist', 'prepare-worker.js'));
  worker.unref();
  const pending = new Map<number, { resolve: (d: never) => void; reject: (e: Error) => void }>();
  let next = 0;
  worker.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.docs as never);
    else p.reject(deserializeError(reply.error));
  });
  worker.on('error', (err) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  const ask = <T>(message: object): Promise<T> => {
    const id = next++;
    worker.ref();
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (d: never) => void, reject });
      worker.postMessage({ id, ...message });
    }).finally(() => {
      if (pending.size === 0) worker.unref();
    });
  };
  return {
    prepare(paths, year, dataFile) {
      return ask<PreparedDocument[]>({ paths, year, dataFile });
    },
    prepareDiff(request) {
      // The worker names the files of unpacked git revisions as this thread does.
      return ask<PreparedDiff>({ diff: request, folders: folderNames() });
    },
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
