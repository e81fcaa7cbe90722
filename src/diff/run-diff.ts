import { join, relative } from 'node:path';
import type { BuildPaths } from '../build/prepare-document.js';
import { checkPagination, copyFonts } from '../build/build-document.js';
import { finalizePdf } from '../finalize/pdf-metadata.js';
import { writeTogether } from '../finalize/write-atomic.js';
import { listDocuments } from '../load/list-documents.js';
import { SourceError, SourceErrors } from '../errors.js';
import type { Renderer } from '../print/render-pdf.js';
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
 * output/<year>/<name>.diff.pdf (+ .diff.html), and on stdout a summary per section or (--format text) the word
 * diff per section and footnote. Without --to, the working tree is the new revision.
 */
export async function runDiff(paths: BuildPaths, opts: DiffOptions, renderer: Promise<Renderer>, out: (s: string) => void): Promise<void> {
  const from = openRevision(opts.from, paths.content, '--from');
  const to = openRevision(opts.to, paths.content, '--to');
  try {
    const { prepareDiff } = await import('./prepare-diff.js');
    const newPaths = { ...paths, content: to.dir };
    for (const dataFile of await listDocuments(to.dir, opts.year)) {
      const prepared = await prepareDiff(newPaths, from.dir, opts.year, dataFile, { from: from.label, to: to.label });
      const { pdf, snapshot, report } = await (await renderer).render(prepared.html, `/${opts.year}/${prepared.name}.html`);
      checkPagination(dataFile, report, prepared.noteCount);
      const dir = join(paths.output, opts.year);
      await copyFonts(paths.output);
      await writeTogether([{ path: join(dir, `${prepared.name}.pdf`), data: finalizePdf(pdf, prepared.facts) }, { path: join(dir, `${prepared.name}.html`), data: snapshot }]);
      const name = prepared.name.replace(/\.diff$/, '');
      out(opts.format === 'text' ? wordDiffText(prepared.report, name) : summaryText(prepared.report, name));
      out(`${relative(process.cwd(), join(dir, `${prepared.name}.pdf`))}: ${report.pages} pages\n`);
    }
  } catch (err) {
    // A problem in a git revision's sources is named by the revision, not by the scratch folder it was unpacked in.
    for (const [rev, spec] of [[from, opts.from], [to, opts.to]] as const) {
      if (spec === undefined || rev.dir === paths.content || !(err instanceof SourceError || err instanceof SourceErrors)) continue;
      const scratch = relative(process.cwd(), rev.dir);
      if (!rev.label.startsWith(spec) || rev.label === relative(process.cwd(), rev.dir)) continue;
      err.message = err.message.split(scratch).join(`${spec}:${relative(process.cwd(), paths.content) || '.'}`);
    }
    throw err;
  } finally {
    from.dispose();
    to.dispose();
  }
}
