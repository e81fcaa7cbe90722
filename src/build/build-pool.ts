import type { Browser } from 'puppeteer-core';
import { Renderer } from '../print/render-pdf.js';
import { buildDocument, type BuildPaths, type BuiltDocument } from './build-document.js';
import type { Preparer } from './preparer.js';

export interface Job {
  year: string;
  dataFile: string;
  /** How the document is named in progress and summary: 2022/kamerbrief. */
  label: string;
}

export interface JobResult {
  job: Job;
  built: BuiltDocument[];
  error?: unknown;
  ms: number;
}

export interface PoolEvents {
  started(job: Job): void;
  finished(result: JobResult): void;
}

/**
 * Builds documents with `jobs` pages of one Chromium printing side by side; the steps before the browser run in
 * the preparer (a worker thread). A document that fails is reported and the others go on. Results come back in
 * the order of `queue`, whatever order they finished in.
 */
export async function buildPool(paths: BuildPaths, queue: Job[], jobs: number, preparer: Preparer, browser: Promise<Browser>, events: PoolEvents): Promise<JobResult[]> {
  const results: JobResult[] = new Array(queue.length);
  let next = 0;
  const lane = async (first: OpeningRenderer | undefined) => {
    // The renderer is handed on as a promise: a document's sources are prepared while its page still opens
    // (on a cold build, while Chromium starts), not after.
    let renderer = first;
    for (let i = next++; i < queue.length; i = next++) {
      const job = queue[i]!;
      events.started(job);
      const t = performance.now();
      let result: JobResult;
      try {
        renderer ??= openRenderer(browser);
        const built = await buildDocument(paths, job.year, job.dataFile, preparer, renderer.page);
        result = { job, built, ms: performance.now() - t };
      } catch (error) {
        // A page that could not open is the failure of this job; the next job tries to open one again. A page
        // still opening (the sources failed before printing) is not waited for here.
        if (renderer?.state === 'failed') renderer = undefined;
        result = { job, built: [], error, ms: performance.now() - t };
      }
      results[i] = result;
      events.finished(result);
    }
    // A build whose every document failed before printing does not wait for Chromium to be ready: a page not
    // yet asked for (the browser still starting) never will be. One the browser is already opening is waited
    // for and closed (tens of ms): closing the browser under it would leave Puppeteer waiting 30 s for its target.
    if (renderer) await renderer.finish();
  };
  const lanes = Math.max(1, Math.min(jobs, queue.length));
  // The first lane's page opens while the sources are prepared; the others open when they take their first job.
  const firstRenderer = queue.length ? openRenderer(browser) : undefined;
  await Promise.all(Array.from({ length: lanes }, (_, k) => lane(k === 0 ? firstRenderer : undefined)));
  return results;
}

/** A page of the browser being opened, and how far it got. */
interface OpeningRenderer {
  page: Promise<Renderer>;
  state: 'waiting for the browser' | 'opening' | 'open' | 'failed';
  /** No more jobs: closes the page, or makes sure it is never opened if the browser is not there yet. */
  finish(): Promise<void>;
}

/** A page of the browser, once it has started; a failure is reported by the job that awaits it, never unhandled. */
function openRenderer(browser: Promise<Browser>): OpeningRenderer {
  let finished = false;
  const opening: OpeningRenderer = {
    state: 'waiting for the browser',
    page: browser.then(async (b) => {
      if (finished) throw new Error('no page needed any more');
      opening.state = 'opening';
      const r = new Renderer(b);
      await r.ready();
      return r;
    }),
    async finish() {
      finished = true;
      if (opening.state === 'opening' || opening.state === 'open') await (await opening.page.catch(() => undefined))?.close();
    },
  };
  opening.page.then(
    () => (opening.state = 'open'),
    () => (opening.state = 'failed'),
  );
  return opening;
}
