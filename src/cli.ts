import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { buildDocument, type BuildPaths } from './build/build-document.js';
import { SourceError, SourceErrors } from './errors.js';
import { listDocuments } from './load/load-document.js';
import { launchBrowser } from './print/browser.js';
import { Renderer } from './print/render-pdf.js';
import { chromiumExecutable } from './print/chromium-binary.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `voortgang — Kamerbrieven and beslisnota's from Markdown and data

usage:
  voortgang build <year>…        build every document of the year(s) into output/<year>/
  voortgang setup                unpack the bundled Chromium (done by npm install)

options:
  --content <dir>    sources (default: ./content)
  --output <dir>     where PDFs go (default: ./output)
  --templates <dir>  layouts (default: voortgang's own templates/)
`;

export async function main(argv: string[]): Promise<number> {
  const { command, years, paths } = parseArgs(argv);
  if (command === 'setup') {
    console.log(`Chromium ready: ${await chromiumExecutable()}`);
    return 0;
  }
  if (command !== 'build' || years.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }

  // Start the browser at once: it comes up while the sources are read and composed.
  const browser: Promise<Browser> = launchBrowser();
  const renderer = browser.then((b) => new Renderer(b));
  let failed = 0;
  try {
    for (const year of years) {
      for (const dataFile of await listDocuments(paths.content, year).catch((err) => report(err, () => failed++) ?? [])) {
        try {
          const built = await buildDocument(paths, year, dataFile, renderer);
          console.log(`${built.pdfFile}: ${built.pages} pages, ${built.footnotes} footnotes`);
        } catch (err) {
          report(err, () => failed++);
        }
      }
    }
  } finally {
    await browser.then((b) => b.close()).catch(() => undefined);
  }
  return failed ? 1 : 0;
}

function report(err: unknown, count: () => void): undefined {
  count();
  if (err instanceof SourceError || err instanceof SourceErrors) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`voortgang: ${(err as Error).stack ?? err}\n`);
  return undefined;
}

function parseArgs(argv: string[]): { command: string | undefined; years: string[]; paths: BuildPaths } {
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
    else if (a === '-h' || a === '--help') return { command: undefined, years: [], paths };
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  const [command, ...years] = rest;
  for (const y of years) if (!/^\d{4}$/.test(y)) throw new UsageError(`"${y}" is not a year`);
  return { command, years, paths };
}

export class UsageError extends Error {}
