import { join, relative } from 'node:path';
import { openRevision } from '../diff/revision.js';
import { summaryText, wordDiffText } from '../diff/report.js';
import { listDocuments } from '../load/list-documents.js';
import type { RedlineJob } from '../pipeline/job.js';
import { runPool } from '../pipeline/pool.js';
import { failureText } from '../pipeline/progress.js';
import type { RunPaths } from '../pipeline/run-context.js';
import { Run } from '../pipeline/run.js';
import type { LaunchOptions } from '../print/browser.js';
import { EXIT } from './exit.js';

export interface DiffOptions {
  year: string;
  from: string;
  to?: string | undefined;
  format: 'summary' | 'text';
  launch: LaunchOptions;
}

/**
 * `voortgang diff <year> --from <rev|folder> [--to <rev|folder>]`: for every document of the year, the redline
 * output/<year>/<name>.diff.pdf (+ .diff.html), and on stdout a summary per heading or (--format text) every
 * change as a word diff with its file:line. Without --to, the working tree is the new revision. A redline is a
 * job of the same run as build's: prepared (in a worker thread), printed, checked, finalized with provenance
 * (both revisions' source hashes) and written together.
 */
export async function diff(paths: RunPaths, opts: DiffOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let run: Run | undefined;
  const opened: Array<{ dispose(): void }> = [];
  try {
    const from = openRevision(opts.from, paths.content, '--from');
    opened.push(from);
    const to = openRevision(opts.to, paths.content, '--to');
    opened.push(to);
    run = new Run(paths, { worker: true, launch: opts.launch });
    const jobs: RedlineJob[] = (await listDocuments(to.dir, opts.year)).map((dataFile) => ({
      kind: 'redline',
      year: opts.year,
      dataFile,
      label: `${opts.year}/${relative(join(to.dir, opts.year), dataFile).replace(/\.yaml$/, '')}`,
      from: { dir: from.dir, label: from.label },
      to: { dir: to.dir, label: to.label },
    }));
    let failed = 0;
    // One lane: each redline's report is told as it is written, in the order of the year's documents.
    await runPool(run, jobs, 1, {
      started() {},
      finished(result) {
        if (result.error !== undefined) {
          failed++;
          err(`${failureText(result.error)}\n`);
          return;
        }
        for (const written of result.built) {
          const report = written.redline;
          const name = written.name.replace(/\.diff$/, '');
          if (report) out(opts.format === 'text' ? wordDiffText(report, name) : summaryText(report, name));
          out(`${relative(process.cwd(), written.pdfFile)}: ${written.pages} pages\n`);
        }
      },
    });
    return failed ? EXIT.failed : EXIT.ok;
  } catch (e) {
    err(`${failureText(e)}\n`);
    return EXIT.failed;
  } finally {
    await run?.close();
    for (const r of opened.reverse()) r.dispose();
  }
}
