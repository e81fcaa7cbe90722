import { textOfLines } from '../compose/letter-view.js';
import { kenmerkOf, unsigned } from '../load/kind-rules.js';
import type { DocumentFacts } from '../finalize/archive-files.js';
import type { DocumentSources } from '../load/load-document.js';
import { VERSION } from '../version.js';

/** What one output of a document says of itself, beside what every output of it shares. */
export interface OutputIdentity {
  /** year/name of the output: 2022/kamerbrief, 2023/beslisnota-openbaar, 2022/kamerbrief.diff. */
  document: string;
  title: string;
  /** Its kind of output (the version's onderwerp, or what a redline compares); the kenmerk is added. */
  subject: string;
  /** Keywords of this output beside the document's identity and year: openbaar, Woo; wijzigingen. */
  keywords: string[];
  headings: DocumentFacts['headings'];
  bookmarks?: Record<string, string>;
}

/**
 * The facts a PDF carries (title, author, subject, keywords, date; the MDTO record's kenmerk and organisation),
 * made in one place for every output: a document's versions and a redline. The kenmerk and whether the letter is
 * printed unsigned are found by the type of the kind's facts, not by their names.
 */
export function documentFacts(sources: DocumentSources, output: OutputIdentity): DocumentFacts {
  const { brief, afzender } = sources;
  const descriptor = sources.layout.descriptor;
  const kenmerk = kenmerkOf(brief, descriptor);
  return {
    title: output.title,
    author: `${afzender.ministerie}, ${textOfLines(afzender.eenheid)}`,
    subject: kenmerk === undefined ? output.subject : `${output.subject}, ons kenmerk ${kenmerk}`,
    keywords: [...(kenmerk === undefined ? [] : [`kenmerk ${kenmerk}`]), brief.soort, ...(unsigned(brief, descriptor) ? ['ondertekening onbekend'] : []), ...output.keywords, sources.year],
    date: brief.datum,
    producer: `voortgang ${VERSION}`,
    document: output.document,
    record: { kenmerk, organisation: afzender.ministerie },
    headings: output.headings,
    ...(output.bookmarks ? { bookmarks: output.bookmarks } : {}),
  };
}
