import { SourceError, throwIfAny } from '../errors.js';
import type { PaginationReport } from '../print/render-pdf.js';

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
