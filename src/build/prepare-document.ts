import { letterView, textOfLines } from '../compose/letter-view.js';
import { loadLayout } from '../compose/templates.js';
import type { DocumentFacts } from '../finalize/archive-files.js';
import { loadDocument } from '../load/load-document.js';
import { diwooRecordOf } from '../diwoo/document-record.js';
import { sectionsToHtml, type Extent, type MarkdownLayout } from '../markdown/to-html.js';
import { REDACTION_CLASS } from '../markdown/redaction-hast.js';
import { UserError } from '../errors.js';
import type { LayoutDescriptor } from '../validate/layout-schema.js';
import { stopwatch } from '../timings.js';
import { VERSION } from '../version.js';

export interface BuildPaths {
  content: string;
  templates: string;
  output: string;
}

/** A document made ready for printing: its HTML and the facts the PDF carries. Plain data, so it can cross threads. */
export interface PreparedDocument {
  year: string;
  name: string;
  dataFile: string;
  html: string;
  footnoteCount: number;
  /** The PDF's facts; the source hash is added while the browser prints (it is not on the critical path). */
  facts: DocumentFacts;
  inputs: string[];
  /** The section files, in order: data-bron="<index>:<line>" in the HTML refers to them. */
  sections: string[];
  /** The documents of the year this one declares as its bijlagen (bijlagestukken: - document: <name>). */
  bijlagen: string[];
  /** A public version's DiWoo record (written beside the PDF as <name>.diwoo.xml), when its kind has Woo facts. */
  diwoo?: string | undefined;
  timings: Record<string, number>;
}

/**
 * The versions a document is printed in, from its kind's descriptor (templates/<soort>/layout.yaml): e.g. a
 * beslisnota's internal one, complete and with its author's personal data, and the public one for the Woo
 * (`<name>-openbaar.pdf`), which ends at the streep and carries no personal data. A Kamerbrief has one.
 */
export function versionsOf(descriptor: LayoutDescriptor) {
  return descriptor.versies.map((v) => ({ suffix: v.achtervoegsel, extent: v.omvang as Extent, openbaar: v.openbaar, subject: v.onderwerp }));
}

/** What the Markdown step takes from a layout: the text width (charts are drawn at it) and the heading numbering. */
/** Only a kind with a public version of its own may have a streep: elsewhere the text under it would be printed. */
/** A PDF's subject with the document's kenmerk, when its kind has one (a bijlage has none). */
export function withKenmerk(subject: string, brief: LoadedBrief): string {
  return typeof brief.kenmerk === 'string' ? `${subject}, ons kenmerk ${brief.kenmerk}` : subject;
}

/**
 * The PDF keywords that say which document this is: its kenmerk (when its kind has one) and its kind; and, for
 * a letter reconstructed from an incomplete source, that it is printed without a signature block (a fact of
 * type `ondertekening` in the descriptor, set to `onbekend`). The build and the redline both use them.
 */
export function identityKeywords(brief: LoadedBrief, descriptor: LayoutDescriptor): string[] {
  const unsigned = Object.entries(descriptor.feiten).some(([k, f]) => f.type === 'ondertekening' && brief[k] === 'onbekend');
  return [...(typeof brief.kenmerk === 'string' ? [`kenmerk ${brief.kenmerk}`] : []), brief.soort, ...(unsigned ? ['ondertekening onbekend'] : [])];
}

type LoadedBrief = Awaited<ReturnType<typeof loadDocument>>['brief'];

export function mayHaveStreep(descriptor: LayoutDescriptor): boolean {
  return versionsOf(descriptor).some((v) => v.extent === 'openbaar');
}

/**
 * Only a kind with a version that is not public may have redactions ([[5.1.2e: …]]): that version prints the
 * passage, every public one a box. In a kind whose versions are all public the passage would be printed nowhere.
 */
export function mayRedact(descriptor: LayoutDescriptor): boolean {
  return versionsOf(descriptor).some((v) => !v.openbaar);
}

export function markdownLayout(descriptor: LayoutDescriptor): MarkdownLayout {
  return { textWidthMm: parseFloat(descriptor.pagina['tekst-breedte']), numbering: descriptor.koppen.nummering };
}

/** load → validate → markdown → compose: everything before the browser, for every version of a document. */
export async function prepareDocument(paths: BuildPaths, year: string, dataFile: string): Promise<PreparedDocument[]> {
  const { times: timings, lap } = stopwatch();

  const sources = await loadDocument(paths.content, year, dataFile, paths.templates);
  lap('load');
  const { brief, afzender } = sources;
  const descriptor = sources.layout.descriptor;
  const versions = versionsOf(descriptor);
  const streep = mayHaveStreep(descriptor);
  const lakken = mayRedact(descriptor);
  const bodies = await Promise.all(versions.map((v) => sectionsToHtml(sources.sections, sources.datasets, v.extent, { streep, lakken, openbaar: v.openbaar, layout: markdownLayout(descriptor) })));
  lap('markdown');
  const layout = await loadLayout(paths.templates, sources.layout);
  const htmls = await Promise.all(versions.map((v, i) => layout.render(letterView(sources, bodies[i]!, { openbaar: v.openbaar }))));
  const records = await Promise.all(versions.map((v) => (v.openbaar ? diwooRecordOf(sources, `${sources.name}${v.suffix}`, paths) : undefined)));
  versions.forEach((v, i) => v.openbaar && checkGroundsPrinted(htmls[i]!, bodies[i]!.lakken.length, sources.layout.file));
  lap('compose');

  return versions.map((v, i) => ({
    year,
    name: `${sources.name}${v.suffix}`,
    dataFile,
    html: htmls[i]!,
    footnoteCount: bodies[i]!.footnoteCount,
    inputs: sources.inputs,
    sections: sources.sections.map((s) => s.file),
    bijlagen: (brief.bijlagestukken ?? []).flatMap((b) => ('document' in b && typeof b.document === 'string' ? [b.document] : [])),
    diwoo: records[i],
    timings,
    facts: {
      title: brief.onderwerp,
      author: `${afzender.ministerie}, ${textOfLines(afzender.eenheid)}`,
      subject: withKenmerk(v.subject, brief),
      keywords: [...identityKeywords(brief, descriptor), ...(v.extent === 'openbaar' ? ['openbaar', 'Woo'] : []), year],
      date: brief.datum,
      producer: `voortgang ${VERSION}`,
      document: `${year}/${sources.name}${v.suffix}`,
      record: { kenmerk: typeof brief.kenmerk === 'string' ? brief.kenmerk : undefined, organisation: afzender.ministerie },
      headings: bodies[i]!.headings,
    },
  }));
}

/**
 * A public version with redactions must show their boxes and end with the list of the grounds used: a layout
 * that has redactions to print but not the stylesheet `lakken.css` and the partial `weigeringsgronden` is
 * refused (the boxes would be plain text, the grounds unexplained).
 */
function checkGroundsPrinted(html: string, grounds: number, layoutFile: string): void {
  if (grounds === 0) return;
  const missing = [...(html.includes(`class="${GROUNDS_LIST_CLASS}"`) ? [] : ['{{> weigeringsgronden}} at the end of <main id="flow">']), ...(html.includes(`.${REDACTION_CLASS.box}`) ? [] : ['{{#if lakken}}{{{stylesheet "lakken.css"}}}{{/if}} in its <style>'])];
  if (missing.length) throw new UserError(`${layoutFile}: this document has redactions ([[grond: …]]) but its layout does not print them in the public version — add ${missing.join(' and ')} to the layout's template (as templates/beslisnota/beslisnota.hbs does)`);
}

/** The class of the list of grounds (templates/partials/weigeringsgronden.hbs). */
export const GROUNDS_LIST_CLASS = 'weigeringsgronden';
