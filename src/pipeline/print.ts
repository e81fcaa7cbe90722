import { archivedPdf } from '../finalize/archive-files.js';
import type { OutputFile } from '../finalize/write-atomic.js';
import { OfflineRenderError, type PaginationReport, type Renderer } from '../print/render-pdf.js';
import { stopwatch } from '../timings.js';
import { checkPagination } from './check-pagination.js';
import { locateRequest } from './locate-request.js';
import { pdfFacts, type Prepared } from './prepared.js';

/** A prepared document printed and finalized: the files it writes, not yet written. */
export interface Printed {
  prepared: Prepared;
  /** The archive-grade PDF with its MDTO record (given the PDF's path), and the paginated HTML. */
  pdfFiles(pdfFile: string): OutputFile[];
  snapshot: string;
  report: PaginationReport;
  timings: Record<string, number>;
  /** performance.now() when it was finalized: the write's time is counted from there. */
  printedAt: number;
}

/**
 * The pages a prepared document makes, checked as a build checks them: what the preview shows. Pages a build
 * would refuse (a footnote off its call's page, a block too tall) are returned with the problem, to be shown.
 */
export async function paginate(prepared: Prepared, renderer: Renderer): Promise<{ snapshot: string; report: PaginationReport; problem?: unknown; timings: Record<string, number> }> {
  const { times, lap } = stopwatch();
  const { report, snapshot } = await located(prepared, async () => {
    await renderer.load(prepared.html, pagePath(prepared));
    lap('pageLoad');
    const report = await renderer.paginate();
    lap('paginate');
    return { report, snapshot: await renderer.snapshot() };
  });
  lap('snapshot');
  try {
    checkPagination(prepared.job.dataFile, report, prepared.noteCount, prepared.sections);
  } catch (problem) {
    return { snapshot, report, problem, timings: times };
  }
  return { snapshot, report, timings: times };
}

/**
 * The one print of every job: rendered and paginated in the browser, its pages checked, finalized (metadata,
 * provenance, PDF/A and PDF/UA identification, MDTO record). A page a build would refuse is never printed.
 */
export async function print(prepared: Prepared, renderer: Renderer, hash: Promise<string>): Promise<Printed> {
  const preparedAt = Math.round(performance.now());
  const { times: timings, lap } = stopwatch({ ...prepared.timings, preparedAt });
  const { pdf, snapshot, report } = await located(prepared, () => renderer.render(prepared.html, pagePath(prepared)));
  lap('print');
  checkPagination(prepared.job.dataFile, report, prepared.noteCount, prepared.sections);
  const final = archivedPdf(pdf, snapshot, pdfFacts(prepared, { hash: await hash, browser: await renderer.browserVersion() }));
  lap('finalize');
  return { prepared, pdfFiles: final.files, snapshot, report, timings, printedAt: performance.now() };
}

/** Where the page is served from: /<year>/<name>.html, as it is written to output/. */
function pagePath(prepared: Prepared): string {
  return `/${prepared.year}/${prepared.name}.html`;
}

/** Rendering is offline: an address the page asks for is blamed on the file (layout or source) that names it. */
async function located<T>(prepared: Prepared, render: () => Promise<T>): Promise<T> {
  try {
    return await render();
  } catch (err) {
    throw err instanceof OfflineRenderError ? await locateRequest(err, prepared.sources.at(-1)?.files ?? [], prepared.templates) : err;
  }
}
