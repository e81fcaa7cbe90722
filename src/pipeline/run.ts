import type { LaunchOptions } from '../print/browser.js';
import { Printer } from '../print/printer.js';
import type { Renderer } from '../print/render-pdf.js';
import type { Job } from './job.js';
import { inlinePreparer, workerPreparer, type Preparer } from './preparer.js';
import type { Prepared } from './prepared.js';
import { print, type Printed } from './print.js';
import type { RunPaths } from './run-context.js';
import { sourceHash } from './source-hash.js';
import { write, type Written } from './write.js';

export interface RunOptions {
  launch?: LaunchOptions;
  /**
   * Prepare in a worker thread: a cold command reads, parses and composes on the second core while this thread
   * loads Puppeteer and starts Chromium. Without it (a warm process: the preview, bench), in this thread.
   */
  worker?: boolean;
  /** Where jobs are prepared, when neither of voortgang's own (a test's stand-in). */
  preparer?: Preparer;
}

/**
 * One command's run, the same for build, build --all, diff, verify and the preview: where jobs are prepared
 * (with the run context), the one browser that prints them, and the source hashes already computed. Made once
 * per command; the preview starts a new cycle on each save.
 */
export class Run {
  readonly preparer: Preparer;
  readonly printer: Printer;
  private hashes = new Map<string, Promise<string>>();

  constructor(
    readonly paths: RunPaths,
    options: RunOptions = {},
  ) {
    this.preparer = options.preparer ?? (options.worker ? workerPreparer(paths) : inlinePreparer(paths));
    this.printer = new Printer(options.launch);
  }

  /** The sources may have changed: the next jobs read kinds, layouts and hashes anew. */
  newCycle(): void {
    this.preparer.newCycle();
    this.hashes.clear();
  }

  /**
   * The provenance's hash of what a prepared output is made from: its sources, the layouts, the fonts and
   * voortgang's version (for a redline, both revisions'). Computed once per run for the versions of a document.
   */
  sourceHash(prepared: Prepared): Promise<string> {
    const key = JSON.stringify([prepared.sources, prepared.templates]);
    let hash = this.hashes.get(key);
    if (!hash) {
      const each = prepared.sources.map((s) => sourceHash(s.dir, s.files, prepared.templates));
      hash = Promise.all(each).then((h) => (h.length === 1 ? h[0]! : prepared.sources.map((s, i) => `${i === 0 ? 'from' : 'to'} ${h[i]} (${s.label})`).join(' ')));
      hash.catch(() => this.hashes.delete(key));
      this.hashes.set(key, hash);
    }
    return hash;
  }

  async close(): Promise<void> {
    await this.preparer.close();
    await this.printer.close();
  }
}

/**
 * The one chain of every job: prepare (in the run's preparer) → print each output (render, pagination check,
 * finalize) → write them together into `output` (the run's, or verify's scratch folder). Nothing is written
 * unless every output of the job printed without a problem.
 */
export async function runJob(run: Run, job: Job, renderer: Promise<Renderer>, output: string = run.paths.output): Promise<Written[]> {
  const prepared = await run.preparer.prepare(job);
  // Hashed on this thread while Chromium prints.
  for (const p of prepared) run.sourceHash(p).catch(() => undefined);
  const printed: Printed[] = [];
  for (const p of prepared) printed.push(await print(p, await renderer, run.sourceHash(p)));
  return write(output, printed);
}
