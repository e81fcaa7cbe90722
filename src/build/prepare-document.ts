import { letterView, signatories, textOfLines } from '../compose/letter-view.js';
import { loadLayout } from '../compose/templates.js';
import type { PdfFacts } from '../finalize/pdf-metadata.js';
import { loadDocument } from '../load/load-document.js';
import { sectionsToHtml, type Extent } from '../markdown/to-html.js';
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
  facts: Omit<PdfFacts, 'source'> & { document: string };
  inputs: string[];
  /** The section files, in order: data-bron="<index>:<line>" in the HTML refers to them. */
  sections: string[];
  timings: Record<string, number>;
}

/**
 * The versions a document is printed in. A beslisnota has two: the internal one, complete and with its
 * author's personal data, and the public one for the Woo (`<name>-openbaar.pdf`), which ends at the streep
 * and carries no personal data. A Kamerbrief is public as a whole.
 */
interface Version {
  suffix: string;
  extent: Extent;
  openbaar: boolean;
  subject: string;
}

function versionsOf(soort: 'kamerbrief' | 'beslisnota'): Version[] {
  if (soort === 'kamerbrief') return [{ suffix: '', extent: 'volledig', openbaar: true, subject: 'Kamerbrief' }];
  return [
    { suffix: '', extent: 'volledig', openbaar: false, subject: 'Beslisnota' },
    { suffix: '-openbaar', extent: 'openbaar', openbaar: true, subject: 'Beslisnota, openbare versie (Woo)' },
  ];
}

/** load → validate → markdown → compose: everything before the browser, for every version of a document. */
export async function prepareDocument(paths: BuildPaths, year: string, dataFile: string): Promise<PreparedDocument[]> {
  const { times: timings, lap } = stopwatch();

  const sources = await loadDocument(paths.content, year, dataFile);
  lap('load');
  const { brief, afzender } = sources;
  const versions = versionsOf(brief.soort);
  // Only a document with a public version of its own may have a streep: elsewhere its text would be printed.
  const streep = versions.some((v) => v.extent === 'openbaar');
  const bodies = await Promise.all(versions.map((v) => sectionsToHtml(sources.sections, sources.datasets, v.extent, { streep })));
  lap('markdown');
  const layout = await loadLayout(paths.templates, brief.soort);
  const htmls = versions.map((v, i) => layout.render(letterView(sources, bodies[i]!, { openbaar: v.openbaar })));
  lap('compose');

  return versions.map((v, i) => ({
    year,
    name: `${sources.name}${v.suffix}`,
    dataFile,
    html: htmls[i]!,
    footnoteCount: bodies[i]!.footnoteCount,
    inputs: sources.inputs,
    sections: sources.sections.map((s) => s.file),
    timings,
    facts: {
      title: brief.onderwerp,
      author: `${afzender.ministerie}, ${textOfLines(afzender.eenheid)}`,
      subject: `${v.subject}, ons kenmerk ${brief.kenmerk}`,
      keywords: [
        `kenmerk ${brief.kenmerk}`,
        brief.soort,
        ...(v.extent === 'openbaar' ? ['openbaar', 'Woo'] : []),
        // A letter reconstructed from an incomplete source says so: it is printed without a signature block.
        ...(brief.soort === 'kamerbrief' && signatories(brief) === null ? ['ondertekening onbekend'] : []),
        year,
      ],
      date: brief.datum,
      producer: `voortgang ${VERSION}`,
      document: `${year}/${sources.name}${v.suffix}`,
      headings: bodies[i]!.headings,
    },
  }));
}
