import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiffReport } from '../diff/report.js';
import { diwooFileOf } from '../diwoo/sidecar-file.js';
import { writeTogether } from '../finalize/write-atomic.js';
import { FONT_DIR, FONT_FILES } from '../print/fonts.js';
import type { PaginationReport } from '../print/render-pdf.js';
import type { Printed } from './print.js';

/** One output written: where its files are, and what it holds. */
export interface Written {
  name: string;
  year: string;
  pdfFile: string;
  htmlFile: string;
  /** The DiWoo record beside a public version's PDF (<name>.diwoo.xml), when its kind has Woo facts. */
  diwooFile?: string | undefined;
  pages: number;
  footnotes: number;
  report: PaginationReport;
  /** A redline's report of what changed. */
  redline?: DiffReport | undefined;
  timings: Record<string, number>;
}

/**
 * The one write of every job: the outputs of a job (a document's versions, a redline) into <output>/<year>/ —
 * each PDF with its MDTO record, its paginated HTML and a public version's DiWoo record — all replaced, or none.
 * A version written without a DiWoo record loses the one an earlier build left beside its PDF, in the same step.
 */
export async function write(output: string, printed: Printed[]): Promise<Written[]> {
  const where = printed.map(({ prepared: p }) => {
    const pdfFile = join(output, p.year, `${p.name}.pdf`);
    return { pdfFile, htmlFile: join(output, p.year, `${p.name}.html`), diwooFile: p.diwoo === undefined ? undefined : diwooFileOf(pdfFile) };
  });
  await copyFonts(output);
  const files = printed.flatMap((p, i) => {
    const { pdfFile, htmlFile, diwooFile } = where[i]!;
    return [...p.pdfFiles(pdfFile), { path: htmlFile, data: p.snapshot }, ...(diwooFile ? [{ path: diwooFile, data: p.prepared.diwoo! }] : [])];
  });
  const stale = printed.flatMap((p, i) => (p.prepared.ownsDiwoo && p.prepared.diwoo === undefined ? [diwooFileOf(where[i]!.pdfFile)] : []));
  await writeTogether(files, { remove: stale });
  return printed.map(({ prepared, report, timings, printedAt }, i) => {
    const { diwooFile, ...at } = where[i]!;
    const write = Math.round((performance.now() - printedAt) * 10) / 10;
    return { name: prepared.name, year: prepared.year, ...at, ...(diwooFile ? { diwooFile } : {}), pages: report.pages, footnotes: prepared.noteCount, report, ...(prepared.redline ? { redline: prepared.redline } : {}), timings: { ...timings, write } };
  });
}

/** The HTML in output/ refers to ../fonts/, so that it shows as printed when opened in a browser. */
function copyFonts(output: string): Promise<void> {
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
