import { parentPort } from 'node:worker_threads';
import { showFolderAs } from '../errors.js';
import { prepare } from './prepare.js';
import { serializeError, type PrepareRequest } from './preparer.js';
import { RunContext } from './run-context.js';

/** Worker-thread entry (dist/prepare-worker.js): prepares a run's jobs, with one run context per watch cycle. */
let context: { cycle: number; paths: string; ctx: RunContext } | undefined;

parentPort!.on('message', async ({ id, cycle, paths, job, folders }: PrepareRequest) => {
  const forget = folders.map(([dir, name]) => showFolderAs(dir, name));
  try {
    const key = JSON.stringify(paths);
    if (context?.cycle !== cycle || context.paths !== key) context = { cycle, paths: key, ctx: new RunContext(paths) };
    parentPort!.postMessage({ id, ok: true, prepared: await prepare(context.ctx, job) });
  } catch (err) {
    parentPort!.postMessage({ id, ok: false, error: serializeError(err) });
  } finally {
    for (const f of forget) f();
  }
});
