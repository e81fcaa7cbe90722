import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SourceError } from '../errors.js';
import { letterView } from '../compose/letter-view.js';
import { loadLayout } from '../compose/templates.js';
import { finalizePdf } from '../finalize/pdf-metadata.js';
import { writeAtomic } from '../finalize/write-atomic.js';
import { loadDocument } from '../load/load-document.js';
import { sectionsToHtml } from '../markdown/to-html.js';
import { FONT_DIR, type PaginationReport, type Renderer } from '../print/render-pdf.js';
import { VERSION } from '../version.js';

export interface BuildPaths {
  content: string;
  templates: string;
  output: string;
}

export interface BuiltDocument {
  name: string;
  year: string;
  pdfFile: string;
  htmlFile: string;
  pages: number;
  footnotes: number;
  report: PaginationReport;
  timings: Record<string, number>;
}

/** One document from sources to output/<year>/<name>.pdf (+ .html). Nothing is written unless all steps succeed. */
export async function buildDocument(paths: BuildPaths, year: string, dataFile: string, renderer: Promise<Renderer>): Promise<BuiltDocument> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((now - t) * 10) / 10;
    t = now;
  };

  const sources = await loadDocument(paths.content, year, dataFile);
  lap('load');
  const body = sectionsToHtml(sources.sections, sources.datasets);
  lap('markdown');
  const layout = await loadLayout(paths.templates, sources.brief.soort);
  const html = layout.render(letterView(sources, body));
  lap('compose');

  const htmlPath = `/${year}/${sources.name}.html`;
  const { pdf, snapshot, report } = await (await renderer).render(html, htmlPath);
  lap('print');
  checkPagination(dataFile, report, body.footnoteCount);

  const final = await finalizePdf(pdf, {
    title: sources.brief.onderwerp,
    author: `${sources.afzender.ministerie}, ${sources.afzender.eenheid}`,
    subject: `Kamerbrief ${sources.brief.onderwerp}`,
    keywords: [`kenmerk ${sources.brief.kenmerk}`, sources.brief.soort, year],
    date: sources.brief.datum,
    producer: `voortgang ${VERSION}`,
  });
  lap('finalize');

  const dir = join(paths.output, year);
  const pdfFile = join(dir, `${sources.name}.pdf`);
  const htmlFile = join(dir, `${sources.name}.html`);
  await copyFonts(paths.output);
  await writeAtomic(htmlFile, snapshot);
  await writeAtomic(pdfFile, final);
  lap('write');
  return { name: sources.name, year, pdfFile, htmlFile, pages: report.pages, footnotes: body.footnoteCount, report, timings };
}

/** The pass guarantees these; a failure here is a layout that cannot hold its content, reported, never printed. */
function checkPagination(dataFile: string, report: PaginationReport, footnotes: number): void {
  const problems: string[] = [];
  if (report.unplaced.length) problems.push(`footnotes ${report.unplaced.join(', ')} could not be placed`);
  for (let n = 1; n <= footnotes; n++) {
    const call = report.callsOnPage[n];
    const note = report.notesOnPage[n];
    if (call !== note) problems.push(`footnote ${n} is called on page ${call} but printed on page ${note}`);
  }
  for (const o of report.overflows) {
    problems.push(o.sideways ? `page ${o.page} has content ${o.px}px wider than the text column (a table with too many or too wide columns?)` : `page ${o.page} holds a block taller than the page (${o.px}px over): split it in the Markdown`);
  }
  if (problems.length) throw new SourceError(dataFile, undefined, undefined, `layout: ${problems.join('; ')}`);
}

/** The HTML in output/ refers to ../fonts/, so that it shows as printed when opened in a browser. */
async function copyFonts(output: string): Promise<void> {
  const dir = join(output, 'fonts');
  await mkdir(dir, { recursive: true });
  for (const f of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf']) {
    if (!existsSync(join(dir, f))) await copyFile(join(FONT_DIR, f), join(dir, f));
  }
}
