import { letterView } from '../compose/letter-view.js';
import { loadLayout } from '../compose/templates.js';
import type { PdfFacts } from '../finalize/pdf-metadata.js';
import { loadDocument } from '../load/load-document.js';
import { sectionsToHtml } from '../markdown/to-html.js';
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
  facts: PdfFacts;
  inputs: string[];
  timings: Record<string, number>;
}

/** load → validate → markdown → compose: everything before the browser. */
export async function prepareDocument(paths: BuildPaths, year: string, dataFile: string): Promise<PreparedDocument> {
  const { times: timings, lap } = stopwatch();

  const sources = await loadDocument(paths.content, year, dataFile);
  lap('load');
  const body = sectionsToHtml(sources.sections, sources.datasets);
  lap('markdown');
  const layout = await loadLayout(paths.templates, sources.brief.soort);
  const html = layout.render(letterView(sources, body));
  lap('compose');

  const { brief, afzender } = sources;
  return {
    year,
    name: sources.name,
    dataFile,
    html,
    footnoteCount: body.footnoteCount,
    inputs: sources.inputs,
    timings,
    facts: {
      title: brief.onderwerp,
      author: `${afzender.ministerie}, ${afzender.eenheid}`,
      subject: `Kamerbrief ${brief.onderwerp}`,
      keywords: [`kenmerk ${brief.kenmerk}`, brief.soort, year],
      date: brief.datum,
      producer: `voortgang ${VERSION}`,
    },
  };
}
