import type { OpeningPage } from '../print/printer.js';
import type { Job } from './job.js';
import { runJob, type Run } from './run.js';
import type { Written } from './write.js';

export interface JobResult {
  job: Job;
  built: Written[];
  error?: unknown;
  ms: number;
}

export interface PoolEvents {
  started(job: Job): void;
  finished(result: JobResult): void;
}

/**
 * Runs jobs with `lanes` pages of the run's browser printing side by side; the steps before the browser run in
 * the run's preparer. A job that fails is reported and the others go on. Results come back in the order of
 * `queue`, whatever order they finished in. build, build --all, diff and verify all run their jobs here.
 */
export async function runPool(run: Run, queue: Job[], lanes: number, events: PoolEvents, output?: string): Promise<JobResult[]> {
  const results: JobResult[] = new Array(queue.length);
  let next = 0;
  const lane = async (first: OpeningPage | undefined) => {
    // The page is handed on as a promise: a job's sources are prepared while its page still opens (on a cold
    // run, while Chromium starts), not after.
    let page = first;
    for (let i = next++; i < queue.length; i = next++) {
      const job = queue[i]!;
      events.started(job);
      const t = performance.now();
      let result: JobResult;
      try {
        page ??= run.printer.openPage();
        const built = await runJob(run, job, page.renderer, output);
        result = { job, built, ms: performance.now() - t };
      } catch (error) {
        // A page that could not open is the failure of this job; the next job tries to open one again. A page
        // still opening (the sources failed before printing) is not waited for here.
        if (page?.state === 'failed') page = undefined;
        result = { job, built: [], error, ms: performance.now() - t };
      }
      results[i] = result;
      events.finished(result);
    }
    // The lane's page is closed with the browser (Printer.close): a run whose every job failed before printing
    // neither waits for Chromium to be ready nor closes a page it never used.
  };
  const count = Math.max(1, Math.min(lanes, queue.length));
  // The first lane's page opens while the sources are prepared; the others open when they take their first job.
  const first = queue.length ? run.printer.openPage() : undefined;
  await Promise.all(Array.from({ length: count }, (_, k) => lane(k === 0 ? first : undefined)));
  return results;
}
