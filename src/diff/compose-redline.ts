import type { ElementContent } from 'hast';
import type { Layout } from '../compose/templates.js';
import { letterView } from '../compose/letter-view.js';
import { factsOfType, markdownLayout, mayHaveStreep, mayRedact } from '../load/kind-rules.js';
import type { DocumentSources } from '../load/load-document.js';
import { bodyToHtml, sectionsToHast } from '../markdown/to-html.js';
import { diffData, diffFacts, printedBy, recordingReads, type ValueChange } from './data-diff.js';
import { diffDocuments } from './document-diff.js';
import { summaryBlocks, type DiffReport } from './report.js';

/** A redline composed: its HTML, and what it says changed. */
export interface ComposedRedline {
  html: string;
  noteCount: number;
  report: DiffReport;
  /** The redline's headings as printed, and the outline's titles of those with changes under them. */
  headings: string[];
  bookmarks: Record<string, string>;
}

/**
 * One document in two revisions → the redline: the new revision's layout, with what changed marked in the body,
 * tables, charts, footnotes and the margin column, and the change list first. The beslisnota's internal
 * (complete) version is compared; each change says whether it is in the public version too.
 */
export async function composeRedline(before: DocumentSources, after: DocumentSources, layout: Layout, labels: { from: string; to: string }, lap: (step: string) => void): Promise<ComposedRedline> {
  // A kind with a public version (a beslisnota) may have a streep; each change then says whether it is public.
  const hasStreep = (d: DocumentSources) => mayHaveStreep(d.layout.descriptor);
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
  // The kenmerk is the kind's fact of that type, whatever it is called; datum is a fact of every document.
  const kenmerk = factsOfType(after.layout.descriptor, 'kenmerk').find((name) => typeof (after.brief as Record<string, unknown>)[name] === 'string');
  const html = await layout.render({
    ...view,
    diff: true,
    brief: { ...view.brief, datum: marked(facts.get('datum'), view.brief.datum), kenmerk: marked(kenmerk === undefined ? undefined : facts.get(kenmerk), view.brief.kenmerk) },
  });
  lap('compose');
  // The outline: a bookmark per heading, those with changes under them saying how many.
  const bookmarks: Record<string, string> = {};
  for (const [heading, n] of diff.changedHeadings) bookmarks[heading] = `${heading} — ${n} ${n === 1 ? 'wijziging' : 'wijzigingen'}`;
  return { html, noteCount: diff.notes.length, report, headings: body.headings, bookmarks };
}

/** A fact printed by the layout ({{brief.datum}}): when it changed, old struck through and new underlined. */
function marked(change: ValueChange | undefined, now: string): string | { toHTML(): string; toString(): string } {
  if (!change) return now;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { toHTML: () => `<del>${esc(change.before)}</del> <ins>${esc(change.after)}</ins>`, toString: () => now };
}
