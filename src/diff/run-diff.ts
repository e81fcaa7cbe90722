import { join, relative } from 'node:path';
import type { BuildPaths } from '../build/prepare-document.js';
import { checkPagination, copyFonts } from '../build/build-document.js';
import { locateRequest } from '../build/locate-request.js';
import type { Preparer } from '../build/preparer.js';
import { sourceHash } from '../build/source-hash.js';
import { archivedPdf } from '../finalize/archive-files.js';
import { writeTogether } from '../finalize/write-atomic.js';
import { listDocuments } from '../load/list-documents.js';
import { OfflineRenderError, type Renderer } from '../print/render-pdf.js';
import { openRevision } from './revision.js';
import { summaryText, wordDiffText } from './report.js';

export interface DiffOptions {
  year: string;
  from: string;
  to?: string;
  format: 'summary' | 'text';
}

/**
 * `voortgang diff <year> --from <rev|folder> [--to <rev|folder>]`: for every document of the year, the redline
 * output/<year>/<name>.diff.pdf (+ .diff.html), and on stdout a summary per heading or (--format text) every
 * change as a word diff with its file:line. Without --to, the working tree is the new revision. The stages are
 * those of `build`: prepared by the preparer (a worker thread on a cold start), printed by the renderer,
 * checked, finalized with provenance (both revisions' source hashes) and written together.
 */
export async function runDiff(paths: BuildPaths, opts: DiffOptions, preparer: Preparer, renderer: Promise<Renderer>, out: (s: string) => void): Promise<void> {
  const from = openRevision(opts.from, paths.content, '--from');
  try {
    const to = openRevision(opts.to, paths.content, '--to');
    try {
      const newPaths = { ...paths, content: to.dir };
      for (const dataFile of await listDocuments(to.dir, opts.year)) {
        const prepared = await preparer.prepareDiff({ paths: newPaths, oldContent: from.dir, year: opts.year, dataFile, labels: { from: from.label, to: to.label } });
        const hashes = Promise.all([sourceHash(from.dir, prepared.inputs.from, paths.templates), sourceHash(to.dir, prepared.inputs.to, paths.templates)]);
        hashes.catch(() => undefined);
        const r = await renderer;
        let rendered;
        try {
          rendered = await r.render(prepared.html, `/${opts.year}/${prepared.name}.html`);
        } catch (err) {
          throw err instanceof OfflineRenderError ? await locateRequest(err, prepared.inputs.to, paths.templates) : err;
        }
        const { pdf, snapshot, report } = rendered;
        checkPagination(dataFile, report, prepared.noteCount, prepared.sections);
        const [oldHash, newHash] = await hashes;
        const final = archivedPdf(pdf, snapshot, prepared.facts, { document: prepared.facts.document, hash: `from ${oldHash} (${from.label}) to ${newHash} (${to.label})`, browser: await r.browserVersion() });
        const dir = join(paths.output, opts.year);
        await copyFonts(paths.output);
        await writeTogether([...final.files(join(dir, `${prepared.name}.pdf`)), { path: join(dir, `${prepared.name}.html`), data: snapshot }]);
        const name = prepared.name.replace(/\.diff$/, '');
        out(opts.format === 'text' ? wordDiffText(prepared.report, name) : summaryText(prepared.report, name));
        out(`${relative(process.cwd(), join(dir, `${prepared.name}.pdf`))}: ${report.pages} pages\n`);
      }
    } finally {
      to.dispose();
    }
  } finally {
    from.dispose();
  }
}
