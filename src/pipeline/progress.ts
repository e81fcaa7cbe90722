import { relative } from 'node:path';
import { isDebugging, SourceError, SourceErrors, UserError } from '../errors.js';
import { OfflineRenderError } from '../print/render-pdf.js';
import type { Job } from './job.js';
import type { JobResult, PoolEvents } from './pool.js';

/**
 * The message of a failure as the user should read it: source errors as file:line:column, problems the user can
 * act on as their sentence; anything unexpected as one line that asks for --debug, which shows the stack.
 */
export function failureText(err: unknown): string {
  if (err instanceof SourceError || err instanceof SourceErrors || err instanceof OfflineRenderError || err instanceof UserError) return err.message;
  if (isDebugging()) return `voortgang: internal error: ${(err as Error)?.stack ?? err}`;
  const first = String((err as Error)?.message ?? err).split('\n')[0];
  return `voortgang: internal error: ${first} — run the same command with --debug to see where, and report it`;
}

/**
 * What a build shows while it runs. On a terminal: a line per document, redrawn in place (waiting, building,
 * done with its pages and time, or FAILED). Elsewhere (a log, CI, a pipe): a plain line per document as it
 * finishes — the PDF and its pages on stdout, errors on stderr.
 */
export function progress(queue: Job[], tty: boolean, out: NodeJS.WritableStream, err: NodeJS.WritableStream): PoolEvents {
  if (!tty) {
    // In the order of the queue, whatever order the documents finish in: the same build logs the same lines.
    const done = new Map<Job, JobResult>();
    // One cause shared by every document (a browser that cannot start) is said once, not once per document.
    const said = new Set<string>();
    let next = 0;
    return {
      started() {},
      finished(r) {
        done.set(r.job, r);
        for (let d = done.get(queue[next]!); d; d = done.get(queue[++next]!)) {
          for (const b of d.built) out.write(`${relative(process.cwd(), b.pdfFile)}: ${b.pages} pages, ${b.footnotes} footnotes\n`);
          const text = d.error === undefined ? undefined : failureText(d.error);
          if (text !== undefined && !said.has(text)) {
            said.add(text);
            err.write(`${text}\n`);
          }
        }
      },
    };
  }
  const state = new Map<Job, string>(queue.map((j) => [j, 'waiting']));
  const width = Math.max(...queue.map((j) => j.label.length));
  let drawn = 0;
  const draw = () => {
    let text = drawn ? `\x1b[${drawn}A` : '';
    for (const job of queue) text += `\x1b[2K${job.label.padEnd(width)}  ${state.get(job)}\n`;
    drawn = queue.length;
    err.write(text);
  };
  draw();
  return {
    started(job) {
      state.set(job, 'building…');
      draw();
    },
    finished(r) {
      const pages = r.built.length === 1 ? `${r.built[0]!.pages} pages` : r.built.map((b) => `${b.name} ${b.pages} pages`).join(', ');
      state.set(r.job, r.error === undefined ? `done: ${pages} in ${(r.ms / 1000).toFixed(1)} s` : 'FAILED');
      draw();
      if (r.error !== undefined) {
        // Errors go below the live lines, which are then drawn anew.
        err.write(`${failureText(r.error)}\n`);
        drawn = 0;
        draw();
      }
    },
  };
}

/**
 * The table at the end of a build: document, pages, time, result; `yearsFailed`: the years asked for whose
 * documents could not even be listed (no such year), counted in the last line too.
 */
export function summaryTable(results: JobResult[], ms: number, yearsFailed: string[] = []): string {
  const rows: string[][] = [['document', 'pages', 'time', 'result']];
  for (const year of yearsFailed) rows.push([year, '–', '–', 'FAILED: see above']);
  for (const r of results) {
    if (r.error !== undefined) {
      rows.push([r.job.label, '–', `${(r.ms / 1000).toFixed(1)} s`, `FAILED: ${failureText(r.error).split('\n')[0]}`]);
      continue;
    }
    for (const b of r.built) rows.push([`${b.year}/${b.name}`, String(b.pages), `${(r.ms / 1000).toFixed(1)} s`, 'ok']);
  }
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => row[c]!.length)));
  const lines = rows.map((row) => [row[0]!.padEnd(widths[0]!), row[1]!.padStart(widths[1]!), row[2]!.padStart(widths[2]!), row[3]!].join('  '));
  const built = results.reduce((n, r) => n + r.built.length, 0);
  const failed = results.filter((r) => r.error !== undefined).length;
  const years = yearsFailed.length ? `, ${yearsFailed.length} year${yearsFailed.length === 1 ? '' : 's'} failed` : '';
  lines.push(`${built} PDF${built === 1 ? '' : 's'} built, ${failed} document${failed === 1 ? '' : 's'} failed${years}, in ${(ms / 1000).toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
