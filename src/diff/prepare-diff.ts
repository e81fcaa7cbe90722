import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ElementContent } from 'hast';
import type { BuildPaths } from '../build/prepare-document.js';
import { letterView, signatories, textOfLines } from '../compose/letter-view.js';
import { loadLayout } from '../compose/templates.js';
import { SourceError } from '../errors.js';
import type { PdfFacts } from '../finalize/pdf-metadata.js';
import { loadDocument } from '../load/load-document.js';
import { bodyToHtml, sectionsToHast } from '../markdown/to-html.js';
import { markdownLayout } from '../build/prepare-document.js';
import { VERSION } from '../version.js';
import { diffData, diffFacts, type ValueChange } from './data-diff.js';
import { diffDocuments } from './document-diff.js';
import { summaryBlock, type DiffReport } from './report.js';

export interface PreparedDiff {
  name: string;
  html: string;
  facts: PdfFacts;
  noteCount: number;
  report: DiffReport;
}

/**
 * One document of a year in two revisions → the redline: the new revision's layout, with what changed marked
 * in the body, tables, charts, footnotes and the margin column, and a summary block first. The beslisnota's
 * internal (complete) version is compared.
 */
export async function prepareDiff(paths: BuildPaths, oldContent: string, year: string, dataFile: string, labels: { from: string; to: string }): Promise<PreparedDiff> {
  const oldDataFile = join(oldContent, year, basename(dataFile));
  if (!existsSync(oldDataFile)) throw new SourceError(oldDataFile, undefined, undefined, `${labels.from} has no ${basename(dataFile)} for ${year}: nothing to compare this document with`);
  const [before, after] = await Promise.all([loadDocument(oldContent, year, oldDataFile, paths.templates), loadDocument(paths.content, year, dataFile, paths.templates)]);
  const [oldHast, newHast] = await Promise.all([
    sectionsToHast(before.sections, before.datasets, 'volledig', { noteKeys: true, streep: before.brief.soort === 'beslisnota', layout: markdownLayout(after.layout.descriptor) }),
    sectionsToHast(after.sections, after.datasets, 'volledig', { noteKeys: true, streep: after.brief.soort === 'beslisnota', layout: markdownLayout(after.layout.descriptor) }),
  ]);
  const diff = diffDocuments(oldHast, newHast);
  const facts = diffFacts(before, after);
  const report: DiffReport = { from: labels.from, to: labels.to, diff, data: diffData(before.datasets, after.datasets), facts: [...facts.values()] };

  const blocks: ElementContent[] = [summaryBlock(report), ...diff.blocks];
  const body = bodyToHtml(blocks, diff.notes, newHast.streep);
  const view = letterView(after, body, { openbaar: false });
  const layout = await loadLayout(paths.templates, after.brief.soort);
  const html = layout.render({
    ...view,
    diff: true,
    brief: { ...view.brief, datum: marked(facts.get('datum'), view.brief.datum), kenmerk: marked(facts.get('kenmerk'), view.brief.kenmerk) },
  });
  return {
    name: `${after.name}.diff`,
    html,
    noteCount: diff.notes.length,
    report,
    facts: {
      title: `Wijzigingen: ${after.brief.onderwerp}`,
      author: `${after.afzender.ministerie}, ${textOfLines(after.afzender.eenheid)}`,
      subject: `Wijzigingen van ${labels.from} naar ${labels.to}, ons kenmerk ${after.brief.kenmerk}`,
      keywords: [
        `kenmerk ${after.brief.kenmerk}`,
        after.brief.soort,
        'wijzigingen',
        ...(after.brief.soort === 'kamerbrief' && signatories(after.brief) === null ? ['ondertekening onbekend'] : []),
        year,
      ],
      date: after.brief.datum,
      producer: `voortgang ${VERSION}`,
      headings: body.headings,
    },
  };
}

/** A fact printed by the layout ({{brief.datum}}): when it changed, old struck through and new underlined. */
function marked(change: ValueChange | undefined, now: string): string | { toHTML(): string; toString(): string } {
  if (!change) return now;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { toHTML: () => `<del>${esc(change.before)}</del> <ins>${esc(change.after)}</ins>`, toString: () => now };
}
