import { parentPort } from 'node:worker_threads';
import { prepareDocument } from './prepare-document.js';
import { serializeError } from './preparer.js';
import { showFolderAs } from '../errors.js';

/** Worker-thread entry (dist/prepare-worker.js): prepares documents (and redlines) on request. */
parentPort!.on('message', async ({ id, paths, year, dataFile, diff, folders }) => {
  const forget = ((folders ?? []) as Array<[string, string]>).map(([dir, name]) => showFolderAs(dir, name));
  try {
    if (diff) parentPort!.postMessage({ id, ok: true, docs: await (await import('../diff/prepare-diff.js')).prepareDiff(diff) });
    else parentPort!.postMessage({ id, ok: true, docs: await prepareDocument(paths, year, dataFile) });
  } catch (err) {
    parentPort!.postMessage({ id, ok: false, error: serializeError(err) });
  } finally {
    for (const f of forget) f();
  }
});
