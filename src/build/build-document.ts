import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SourceError, throwIfAny } from '../errors.js';
import { archivedPdf } from '../finalize/archive-files.js';
import { writeTogether } from '../finalize/write-atomic.js';
import { OfflineRenderError, type PaginationReport, type Renderer } from '../print/render-pdf.js';
import { locateRequest } from './locate-request.js';
import { FONT_DIR, FONT_FILES } from '../print/fonts.js';
import type { BuildPaths, PreparedDocument } from './prepare-document.js';
import type { Preparer } from './preparer.js';
import { stopwatch } from '../timings.js';
import { sourceHash } from './source-hash.js';
import { diwooFileOf } from '../diwoo/sidecar-file.js';

export type { BuildPaths } from './prepare-document.js';

export interface BuiltDocument {
  name: string;
  year: string;
  pdfFile: string;
  htmlFile: string;
  /** The DiWoo record beside a public version's PDF (<name>.diwoo.xml), when its kind has Woo facts. */
  diwooFile?: string | undefined;
  pages: number;
  footnotes: number;
  report: PaginationReport;
  timings: Record<string, number>;
}

/**
 * One document from sources to output/<year>/<name>.pdf (+ .html), in each of its versions (a beslisnota also
 * gives <name>-openbaar.pdf). Nothing is written unless every version printed without a problem.
 */
export async function buildDocument(paths: BuildPaths, year: string, dataFile: string, preparer: Preparer, renderer: Promise<Renderer>): Promise<BuiltDocument[]> {
  const docs = await preparer.prepare(paths, year, dataFile);
  // Hashed on this thread while Chromium prints: the same inputs for every version of the document.
  const hash = sourceHash(paths.content, docs[0]?.inputs ?? [], paths.templates);
  hash.catch(() => undefined);
  const printed = [];
  for (const doc of docs) {
    try {
      printed.push(await printVersion(doc, dataFile, renderer, hash));
    } catch (err) {
      throw err instanceof OfflineRenderError ? await locateRequest(err, doc.inputs, paths.templates) : err;
    }
  }
  // Every version's PDF and HTML (and a public version's DiWoo record) together: all are replaced, or none.
  await copyFonts(paths.output);
  // A version written without a record loses the one an earlier build left beside its PDF, in the same step.
  const stale = docs.filter((d) => d.diwoo === undefined).map((d) => diwooFileOf(join(paths.output, d.year, `${d.name}.pdf`)));
  await writeTogether(printed.flatMap((p) => p.files(paths.output)), { remove: stale });
  return printed.map((p) => p.built(paths.output));
}

async function printVersion(doc: PreparedDocument, dataFile: string, renderer: Promise<Renderer>, hash: Promise<string>) {
  const year = doc.year;
  const preparedAt = Math.round(performance.now());
  const { times: timings, lap } = stopwatch({ ...doc.timings, preparedAt });

  const r = await renderer;
  const { pdf, snapshot, report } = await r.render(doc.html, `/${year}/${doc.name}.html`);
  lap('print');
  checkPagination(dataFile, report, doc.footnoteCount, doc.sections);
  const final = archivedPdf(pdf, snapshot, doc.facts, { document: doc.facts.document, hash: await hash, browser: await r.browserVersion() });
  lap('finalize');

  const where = (output: string) => ({
    pdfFile: join(output, year, `${doc.name}.pdf`),
    htmlFile: join(output, year, `${doc.name}.html`),
    ...(doc.diwoo === undefined ? {} : { diwooFile: diwooFileOf(join(output, year, `${doc.name}.pdf`)) }),
  });
  return {
    files(output: string) {
      const { pdfFile, htmlFile, diwooFile } = where(output);
      // The PDF with its MDTO record, the HTML and the DiWoo record go together: all are replaced, or none.
      return [...final.files(pdfFile), { path: htmlFile, data: snapshot }, ...(diwooFile ? [{ path: diwooFile, data: doc.diwoo! }] : [])];
    },
    built(output: string): BuiltDocument {
      lap('write');
      return { name: doc.name, year, ...where(output), pages: report.pages, footnotes: doc.footnoteCount, report, timings };
    },
  };
}

/**
 * The pass guarantees these; a failure here is a layout that cannot hold its content, reported at the block's
 * file and line where the pass knows it (data-bron), never printed.
 */
export function checkPagination(dataFile: string, report: PaginationReport, footnotes: number, sections: string[] = []): void {
  const problems: SourceError[] = [];
  const atFile = (message: string) => problems.push(new SourceError(dataFile, undefined, undefined, `layout: ${message}`));
  if (report.unplaced.length) atFile(`footnotes ${report.unplaced.join(', ')} could not be placed`);
  for (let n = 1; n <= footnotes; n++) {
    const call = report.callsOnPage[n];
    const note = report.notesOnPage[n];
    if (call !== note) atFile(`footnote ${n} is called on page ${call} but printed on page ${note}`);
  }
  for (const o of report.overflows) {
    const message = o.sideways
      ? `page ${o.page} has content ${o.px}px wider than the text column — a table with too many or too wide columns, or a word or address too long to break`
      : `page ${o.page} holds a block taller than a page (${o.px}px over) — split it in the Markdown (a long paragraph, or a paragraph with more footnotes than a page holds)`;
    const [index, line] = (o.source ?? '').split(':').map(Number);
    const file = index !== undefined && Number.isInteger(index) ? sections[index] : undefined;
    if (file) problems.push(new SourceError(file, line, undefined, `layout: ${message}`));
    else atFile(message);
  }
  for (const p of report.headingAtEnd) atFile(`page ${p} ends with a heading`);
  if (report.unresolvedRefs.length) atFile(`a page reference (table of contents, change list) points at ${report.unresolvedRefs.join(', ')}, which no page holds`);
  throwIfAny(problems);
}

/** The HTML in output/ refers to ../fonts/, so that it shows as printed when opened in a browser. */
export function copyFonts(output: string): Promise<void> {
  // Once per output folder and process: the documents of one build share the folder.
  let done = fontsCopied.get(output);
  if (!done) {
    done = (async () => {
      const dir = join(output, 'fonts');
      for (const f of FONT_FILES) {
        if (!existsSync(join(dir, f))) await writeTogether([{ path: join(dir, f), data: await readFile(join(FONT_DIR, f)) }]);
      }
    })();
    fontsCopied.set(output, done);
    done.catch(() => fontsCopied.delete(output));
  }
  return done;
}
const fontsCopied = new Map<string, Promise<void>>();
