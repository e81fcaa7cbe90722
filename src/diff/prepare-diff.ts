import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ElementContent } from 'hast';
import type { BuildPaths } from '../build/prepare-document.js';
import { letterView, textOfLines } from '../compose/letter-view.js';
import { loadLayout } from '../compose/templates.js';
import { SourceError } from '../errors.js';
import type { DocumentFacts } from '../finalize/archive-files.js';
import { loadDocument } from '../load/load-document.js';
import { bodyToHtml, sectionsToHast } from '../markdown/to-html.js';
import { stopwatch } from '../timings.js';
import { identityKeywords, markdownLayout, mayHaveStreep, mayRedact, withKenmerk } from '../build/prepare-document.js';
import { VERSION } from '../version.js';
import { diffData, diffFacts, printedBy, recordingReads, type ValueChange } from './data-diff.js';
import { diffDocuments } from './document-diff.js';
import { summaryBlocks, type DiffReport } from './report.js';

/** A redline made ready for printing. Plain data, so that it can cross from the preparing worker. */
export interface PreparedDiff {
  name: string;
  html: string;
  facts: DocumentFacts;
  noteCount: number;
  report: DiffReport;
  /** What each revision is made from (for the provenance: both revisions' source hashes). */
  inputs: { from: string[]; to: string[] };
  /** The new revision's section files, in order: data-bron="<index>:<line>" in the HTML refers to them. */
  sections: string[];
  timings: Record<string, number>;
}

export interface DiffRequest {
  /** The new revision's paths (its content folder). */
  paths: BuildPaths;
  /** The old revision's content folder. */
  oldContent: string;
  year: string;
  dataFile: string;
  labels: { from: string; to: string };
}

/**
 * One document of a year in two revisions → the redline: the new revision's layout, with what changed marked
 * in the body, tables, charts, footnotes and the margin column, and the change list first. The beslisnota's
 * internal (complete) version is compared; each change says whether it is in the public version too.
 */
export async function prepareDiff({ paths, oldContent, year, dataFile, labels }: DiffRequest): Promise<PreparedDiff> {
  const { times: timings, lap } = stopwatch();
  const oldDataFile = join(oldContent, year, basename(dataFile));
  if (!existsSync(oldDataFile)) throw new SourceError(oldDataFile, undefined, undefined, `${labels.from} has no ${basename(dataFile)} for ${year}: nothing to compare this document with`);
  const [before, after] = await Promise.all([loadDocument(oldContent, year, oldDataFile, paths.templates), loadDocument(paths.content, year, dataFile, paths.templates)]);
  lap('load');
  // A kind with a public version (a beslisnota) may have a streep; each change then says whether it is public.
  const hasStreep = (d: typeof before) => mayHaveStreep(d.layout.descriptor);
  const layoutOpts = { layout: markdownLayout(after.layout.descriptor) };
  // Rendered from copies that record the figures read: a document reports only changes to figures it prints.
  const [oldData, newData] = [recordingReads(before.datasets), recordingReads(after.datasets)];
  const [oldHast, newHast] = await Promise.all([
    sectionsToHast(before.sections, oldData, 'volledig', { noteKeys: true, streep: hasStreep(before), lakken: mayRedact(before.layout.descriptor), ...layoutOpts }),
    // The new revision's blocks say where they were written (data-bron): a block the pages cannot hold is reported there, as by build.
    sectionsToHast(after.sections, newData, 'volledig', { noteKeys: true, streep: hasStreep(after), lakken: mayRedact(after.layout.descriptor), sourceRefs: true, ...layoutOpts }),
  ]);
  lap('markdown');
  const diff = diffDocuments(oldHast, newHast, { woo: hasStreep(after) });
  const facts = diffFacts(before, after, hasStreep(after));
  const data = diffData(before.datasets, after.datasets, printedBy(oldData, newData));
  const report: DiffReport = { from: labels.from, to: labels.to, diff, data, facts: [...facts.values()] };
  lap('diff');

  const blocks: ElementContent[] = [...summaryBlocks(report), ...diff.blocks];
  const body = bodyToHtml(blocks, diff.notes, newHast.streep, newHast.grounds);
  const view = letterView(after, body, { openbaar: false });
  const layout = await loadLayout(paths.templates, after.layout);
  const html = await layout.render({
    ...view,
    diff: true,
    brief: { ...view.brief, datum: marked(facts.get('datum'), view.brief.datum), kenmerk: marked(facts.get('kenmerk'), view.brief.kenmerk) },
  });
  lap('compose');
  // The outline: a bookmark per heading, those with changes under them saying how many.
  const bookmarks: Record<string, string> = {};
  for (const [heading, n] of diff.changedHeadings) bookmarks[heading] = `${heading} — ${n} ${n === 1 ? 'wijziging' : 'wijzigingen'}`;
  return {
    name: `${after.name}.diff`,
    html,
    noteCount: diff.notes.length,
    report,
    inputs: { from: before.inputs, to: after.inputs },
    sections: after.sections.map((s) => s.file),
    timings,
    facts: {
      title: `Wijzigingen: ${after.brief.onderwerp}`,
      author: `${after.afzender.ministerie}, ${textOfLines(after.afzender.eenheid)}`,
      subject: withKenmerk(`Wijzigingen van ${labels.from} naar ${labels.to}`, after.brief),
      keywords: [...identityKeywords(after.brief, after.layout.descriptor), 'wijzigingen', year],
      date: after.brief.datum,
      producer: `voortgang ${VERSION}`,
      document: `${year}/${after.name}.diff`,
      record: { kenmerk: typeof after.brief.kenmerk === 'string' ? after.brief.kenmerk : undefined, organisation: after.afzender.ministerie },
      headings: body.headings,
      bookmarks,
    },
  };
}

/** A fact printed by the layout ({{brief.datum}}): when it changed, old struck through and new underlined. */
function marked(change: ValueChange | undefined, now: string): string | { toHTML(): string; toString(): string } {
  if (!change) return now;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { toHTML: () => `<del>${esc(change.before)}</del> <ins>${esc(change.after)}</ins>`, toString: () => now };
}
