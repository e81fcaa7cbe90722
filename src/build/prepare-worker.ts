import { parentPort } from 'node:worker_threads';
import { prepareDocument } from './prepare-document.js';
import { serializeError } from './preparer.js';

/** Worker-thread entry (dist/prepare-worker.js): prepares documents on request. */
parentPort!.on('message', async ({ id, paths, year, dataFile }) => {
  try {
    parentPort!.postMessage({ id, ok: true, docs: await prepareDocument(paths, year, dataFile) });
  } catch (err) {
    parentPort!.postMessage({ id, ok: false, error: serializeError(err) });
  }
});
