import { availableParallelism } from 'node:os';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { buildDocument, type BuildPaths } from './build/build-document.js';
import { buildPool, type Job } from './build/build-pool.js';
import { workerPreparer } from './build/preparer.js';
import { failureText, progress, summaryTable } from './build/progress.js';
import { listDocuments } from './load/list-documents.js';
import { launchBrowser } from './print/browser.js';
import { Renderer } from './print/render-pdf.js';
import { chromiumExecutable } from './print/chromium-binary.js';
import { ROOT } from './paths.js';
import { runDiff } from './diff/run-diff.js';
import { relative } from 'node:path';

export { buildDocument, launchBrowser, Renderer };
export { inlinePreparer } from './build/preparer.js';

const USAGE = `voortgang — Kamerbrieven and beslisnota's from Markdown and data

usage:
  voortgang build <year>… | --all   build every document of the year(s) (or of every year) into output/<year>/
                                    [--jobs N] documents printed side by side (default: the CPU cores)
  voortgang diff <year> --from <rev|folder> [--to <rev|folder>] [--format text]
                                    redline of two revisions (git revisions of content/, or two folders; without
                                    --to the working tree): output/<year>/<name>.diff.pdf and .diff.html, and a
                                    summary per section (--format text: the word diff per section and footnote)
  voortgang verify <pdf>…           rebuild the document a PDF says it is from today's sources: identical or not
  voortgang new <year> --from <year>
                                    start a year from an earlier one: sections and data copied, kenmerk and
                                    datum emptied, a checklist of the year references in the text
  voortgang setup                   unpack the bundled Chromium (done by npm install)

options:
  --content <dir>    sources (default: ./content)
  --output <dir>     where PDFs go (default: ./output)
  --templates <dir>  layouts (default: voortgang's own templates/)
  --timings          print the time of each step to stderr
`;

interface Args {
  command: string | undefined;
  rest: string[];
  paths: BuildPaths;
  timings: boolean;
  all: boolean;
  jobs: number;
  from?: string;
  to?: string;
  format: 'summary' | 'text';
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'setup':
      console.log(`Chromium ready: ${await chromiumExecutable()}`);
      return 0;
    case 'build':
      return build(args);
    case 'diff': {
      if (args.rest.length !== 1 || !args.from) throw new UsageError('diff needs one year and --from <git revision or folder>, e.g. voortgang diff 2022 --from HEAD~1');
      const year = args.rest[0]!;
      return withRenderer(async (renderer) => runDiff(args.paths, { year, from: args.from!, to: args.to, format: args.format }, renderer, (s) => process.stdout.write(s)));
    }
    case 'verify': {
      if (args.rest.length === 0) throw new UsageError('verify needs a PDF, e.g. voortgang verify output/2022/kamerbrief.pdf');
      const { verifyPdf } = await import('./verify/verify-pdf.js');
      const preparer = workerPreparer();
      let different = 0;
      const code = await withRenderer(async (renderer) => {
        for (const pdf of args.rest) {
          const verdict = await verifyPdf(resolve(pdf), args.paths, preparer, renderer);
          process.stdout.write(`${verdict.lines.join('\n')}\n`);
          if (!verdict.identical) different++;
        }
      }).finally(() => preparer.close());
      return code || (different ? 1 : 0);
    }
    case 'new': {
      if (args.rest.length !== 1 || !args.from) throw new UsageError('new needs the new year and --from <an earlier year>, e.g. voortgang new 2024 --from 2023');
      const { newYear } = await import('./new-year/new-year.js');
      try {
        process.stdout.write(await newYear(args.paths.content, args.rest[0]!, args.from));
        return 0;
      } catch (err) {
        process.stderr.write(`${failureText(err)}\n`);
        return 1;
      }
    }
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}

/** build <year>… | --all: every document of those years, through the pool, with progress and a summary. */
async function build({ rest: years, all, paths, jobs, timings }: Args): Promise<number> {
  if (all === (years.length > 0)) throw new UsageError(all ? 'give years or --all, not both' : 'build needs a year (e.g. build 2022) or --all');
  const started = performance.now();
  // Cold start: the sources are read, parsed and composed in a worker thread on the second core while this
  // thread loads Puppeteer and starts Chromium.
  const preparer = workerPreparer();
  const browser: Promise<Browser> = launchBrowser();
  browser.catch(() => undefined); // a failed launch is reported by each document that needed it
  if (timings) {
    const at = (what: string) => () => process.stderr.write(`at ${Math.round(performance.now())} ms: ${what}\n`);
    at('main')();
    void browser.then(at('browser ready'), () => undefined);
  }
  let failed = 0;
  try {
    const queue: Job[] = [];
    const chosen = all ? await allYears(paths.content) : years;
    if (chosen.length === 0) {
      process.stderr.write(`${relative(process.cwd(), paths.content) || '.'}: no years to build — a year is a folder named like 2022 with a kamerbrief.yaml\n`);
      return 1;
    }
    for (const year of chosen) {
      try {
        for (const dataFile of await listDocuments(paths.content, year)) queue.push({ year, dataFile, label: `${year}/${relative(join(paths.content, year), dataFile).replace(/\.yaml$/, '')}` });
      } catch (err) {
        process.stderr.write(`${failureText(err)}\n`);
        failed++;
      }
    }
    const tty = process.stderr.isTTY === true && !timings;
    const results = await buildPool(paths, queue, jobs, preparer, browser, progress(queue, tty, process.stdout, process.stderr));
    if (timings) {
      for (const r of results) for (const b of r.built) process.stderr.write(`timings ${JSON.stringify({ ...b.timings, paginate: b.report.ms, sinceStart: Math.round(performance.now()), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
    }
    if (queue.length > 1 || tty) process.stdout.write(summaryTable(results, performance.now() - started));
    failed += results.filter((r) => r.error !== undefined).length;
  } finally {
    await preparer.close();
    await browser.then((b) => b.close()).catch(() => undefined);
  }
  return failed ? 1 : 0;
}

/** Every year in content/: the folders named by four digits. */
async function allYears(content: string): Promise<string[]> {
  const entries = await readdir(content, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name)).map((e) => e.name).sort();
}

async function withRenderer(work: (renderer: Promise<Renderer>) => Promise<void>): Promise<number> {
  const browser = launchBrowser();
  const renderer = browser.then(async (b) => {
    const r = new Renderer(b);
    await r.ready();
    return r;
  });
  renderer.catch(() => undefined);
  try {
    await work(renderer);
    return 0;
  } catch (err) {
    process.stderr.write(`${failureText(err)}\n`);
    return 1;
  } finally {
    await renderer.catch(() => undefined);
    await browser.then((b) => b.close()).catch(() => undefined);
  }
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: undefined, rest: [], paths: { content: resolve('content'), output: resolve('output'), templates: join(ROOT, 'templates') }, timings: false, all: false, jobs: availableParallelism(), format: 'summary' };
  const value = (i: number, what: string) => {
    const v = argv[i];
    if (!v || v.startsWith('--')) throw new UsageError(`${argv[i - 1]} needs ${what}`);
    return v;
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--content') args.paths.content = resolve(value(++i, 'a folder'));
    else if (a === '--output') args.paths.output = resolve(value(++i, 'a folder'));
    else if (a === '--templates') args.paths.templates = resolve(value(++i, 'a folder'));
    else if (a === '--timings') args.timings = true;
    else if (a === '--all') args.all = true;
    else if (a === '--jobs') {
      const n = Number(value(++i, 'a number'));
      if (!Number.isInteger(n) || n < 1) throw new UsageError('--jobs needs a whole number of 1 or more');
      args.jobs = n;
    } else if (a === '--from') args.from = value(++i, 'a git revision, a folder or a year');
    else if (a === '--to') args.to = value(++i, 'a git revision or a folder');
    else if (a === '--format') {
      const v = value(++i, 'text or summary');
      if (v !== 'text' && v !== 'summary') throw new UsageError('--format is text or summary');
      args.format = v;
    } else if (a === '-h' || a === '--help') return { ...args, command: undefined };
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  [args.command, ...args.rest] = positional;
  if (args.command === 'build' || args.command === 'diff' || args.command === 'new') {
    for (const y of args.rest) if (!/^\d{4}$/.test(y)) throw new UsageError(`"${y}" is not a year`);
  }
  return args;
}

export class UsageError extends Error {}
