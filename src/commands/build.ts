import { join, relative } from 'node:path';
import { listDocuments, yearsIn } from '../load/list-documents.js';
import type { DocumentJob } from '../pipeline/job.js';
import { runPool, type JobResult } from '../pipeline/pool.js';
import { failureText, progress, summaryTable } from '../pipeline/progress.js';
import type { RunPaths } from '../pipeline/run-context.js';
import { Run } from '../pipeline/run.js';
import type { LaunchOptions } from '../print/browser.js';
import { EXIT, UsageError } from './exit.js';

export interface BuildOptions {
  years: string[];
  all: boolean;
  /** Documents printed side by side. */
  jobs: number;
  timings: boolean;
  launch: LaunchOptions;
}

/** build <year>… | --all: every document of those years, through the pool, with progress and a summary. */
export async function build(paths: RunPaths, { years, all, jobs, timings, launch }: BuildOptions): Promise<number> {
  if (all === (years.length > 0)) throw new UsageError(all ? 'give years or --all, not both' : 'build needs a year (e.g. voortgang build 2022) or --all', 'build');
  const started = performance.now();
  // Cold start: the sources are read, parsed and composed in a worker thread on the second core while this
  // thread loads Puppeteer and starts Chromium, which is stopped at the end if no document needed it yet.
  const run = new Run(paths, { worker: true, launch });
  if (timings) {
    const at = (what: string) => () => process.stderr.write(`at ${Math.round(performance.now())} ms: ${what}\n`);
    at('main')();
    void run.printer.browser.then(at('browser ready'), () => undefined);
  }
  const yearsFailed: string[] = [];
  try {
    const queue: DocumentJob[] = [];
    const chosen = all ? await yearsIn(paths.content) : years;
    if (chosen.length === 0) {
      process.stderr.write(`${relative(process.cwd(), paths.content) || '.'}: no years to build — a year is a folder named like 2022 with a kamerbrief.yaml\n`);
      return EXIT.failed;
    }
    for (const year of chosen) {
      try {
        for (const dataFile of await listDocuments(paths.content, year)) queue.push({ kind: 'document', year, dataFile, label: `${year}/${relative(join(paths.content, year), dataFile).replace(/\.yaml$/, '')}` });
      } catch (err) {
        process.stderr.write(`${failureText(err)}\n`);
        yearsFailed.push(year);
      }
    }
    const tty = process.stderr.isTTY === true && !timings;
    const shown = progress(queue, tty, process.stdout, process.stderr);
    const events = timings ? { ...shown, finished: (r: JobResult) => (shown.finished(r), process.stderr.write(`at ${Math.round(performance.now())} ms: ${r.job.label} ${r.error === undefined ? 'done' : 'failed'}\n`)) } : shown;
    const results = await runPool(run, queue, jobs, events);
    if (timings) {
      for (const r of results) for (const b of r.built) process.stderr.write(`timings ${JSON.stringify({ ...b.timings, paginate: b.report.ms, sinceStart: Math.round(performance.now()), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
    }
    if (queue.length + yearsFailed.length > 1 || tty) process.stdout.write(summaryTable(results, performance.now() - started, yearsFailed));
    return yearsFailed.length || results.some((r) => r.error !== undefined) ? EXIT.failed : EXIT.ok;
  } finally {
    await run.close();
  }
}
