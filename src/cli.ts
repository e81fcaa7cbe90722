import { join, relative, resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { buildDocument, type BuildPaths } from './build/build-document.js';
import { workerPreparer } from './build/preparer.js';
import { SourceError, SourceErrors } from './errors.js';
import { listDocuments } from './load/list-documents.js';
import { launchBrowser } from './print/browser.js';
import { OfflineRenderError, Renderer } from './print/render-pdf.js';
import { chromiumExecutable } from './print/chromium-binary.js';
import { ROOT } from './paths.js';
import { runDiff, type DiffOptions } from './diff/run-diff.js';

export { buildDocument, launchBrowser, Renderer };
export { inlinePreparer } from './build/preparer.js';


const USAGE = `voortgang — Kamerbrieven and beslisnota's from Markdown and data

usage:
  voortgang build <year>…        build every document of the year(s) into output/<year>/
  voortgang diff <year> --from <rev|folder> [--to <rev|folder>] [--format text]
                                 redline of two revisions (git revisions of content/, or two folders; without
                                 --to the working tree): output/<year>/<name>.diff.pdf and .diff.html, and a
                                 summary per section (--format text: the word diff per section and footnote)
  voortgang setup                unpack the bundled Chromium (done by npm install)

options:
  --content <dir>    sources (default: ./content)
  --output <dir>     where PDFs go (default: ./output)
  --templates <dir>  layouts (default: voortgang's own templates/)
  --timings          print the time of each step to stderr
`;

export async function main(argv: string[]): Promise<number> {
  const { command, years, paths, timings, diff } = parseArgs(argv);
  if (command === 'setup') {
    console.log(`Chromium ready: ${await chromiumExecutable()}`);
    return 0;
  }
  if (command === 'diff') {
    if (years.length !== 1 || !diff.from) throw new UsageError('diff needs one year and --from <git revision or folder>, e.g. voortgang diff 2022 --from HEAD~1');
    return runDiffCommand(paths, { year: years[0]!, from: diff.from, to: diff.to, format: diff.format });
  }
  if (command !== 'build' || years.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }

  // Cold start: the sources are read, parsed and composed in a worker thread on the second core while this
  // thread loads Puppeteer and starts Chromium.
  const preparer = workerPreparer();
  const browser: Promise<Browser> = launchBrowser();
  const renderer = browser.then(async (b) => {
    const r = new Renderer(b);
    await r.ready(); // opens the page while the worker still composes
    return r;
  });
  renderer.catch(() => undefined); // a failed launch is reported where the renderer is awaited
  if (timings) {
    const at = (what: string) => () => process.stderr.write(`at ${Math.round(performance.now())} ms: ${what}\n`);
    at('main')();
    void browser.then(at('browser ready'), () => undefined);
  }
  let failed = 0;
  try {
    for (const year of years) {
      for (const dataFile of await listDocuments(paths.content, year).catch((err) => report(err, () => failed++) ?? [])) {
        try {
          for (const built of await buildDocument(paths, year, dataFile, preparer, renderer)) {
            console.log(`${relative(process.cwd(), built.pdfFile)}: ${built.pages} pages, ${built.footnotes} footnotes`);
            if (timings) process.stderr.write(`timings ${JSON.stringify({ ...built.timings, paginate: built.report.ms, sinceStart: Math.round(performance.now()), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
          }
        } catch (err) {
          report(err, () => failed++);
        }
      }
    }
  } finally {
    await preparer.close();
    // Let the page finish opening before closing the browser under it (a build that failed early).
    await renderer.catch(() => undefined);
    await browser.then((b) => b.close()).catch(() => undefined);
  }
  return failed ? 1 : 0;
}

async function runDiffCommand(paths: BuildPaths, opts: DiffOptions): Promise<number> {
  const browser = launchBrowser();
  const renderer = browser.then(async (b) => {
    const r = new Renderer(b);
    await r.ready();
    return r;
  });
  renderer.catch(() => undefined);
  try {
    await runDiff(paths, opts, renderer, (s) => process.stdout.write(s));
    return 0;
  } catch (err) {
    report(err, () => undefined);
    return 1;
  } finally {
    await renderer.catch(() => undefined);
    await browser.then((b) => b.close()).catch(() => undefined);
  }
}

function report(err: unknown, count: () => void): undefined {
  count();
  if (err instanceof SourceError || err instanceof SourceErrors || err instanceof OfflineRenderError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`voortgang: ${(err as Error).stack ?? err}\n`);
  return undefined;
}

function parseArgs(argv: string[]): { command: string | undefined; years: string[]; paths: BuildPaths; timings: boolean; diff: { from?: string; to?: string; format: 'summary' | 'text' } } {
  let timings = false;
  const diff: { from?: string; to?: string; format: 'summary' | 'text' } = { format: 'summary' };
  const paths: BuildPaths = { content: resolve('content'), output: resolve('output'), templates: join(ROOT, 'templates') };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v) throw new UsageError(`${a} needs a value`);
      return resolve(v);
    };
    if (a === '--content') paths.content = value();
    else if (a === '--output') paths.output = value();
    else if (a === '--templates') paths.templates = value();
    else if (a === '--timings') timings = true;
    else if (a === '--from' || a === '--to') {
      const v = argv[++i];
      if (!v) throw new UsageError(`${a} needs a git revision or a folder`);
      diff[a === '--from' ? 'from' : 'to'] = v;
    } else if (a === '--format') {
      const v = argv[++i];
      if (v !== 'text' && v !== 'summary') throw new UsageError('--format is text or summary');
      diff.format = v;
    } else if (a === '-h' || a === '--help') return { command: undefined, years: [], paths, timings, diff };
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  const [command, ...years] = rest;
  for (const y of years) if (!/^\d{4}$/.test(y)) throw new UsageError(`"${y}" is not a year`);
  return { command, years, paths, timings, diff };
}

export class UsageError extends Error {}
