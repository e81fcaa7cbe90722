import type { DiffReport } from '../diff/report.js';
import type { ArchiveFacts, DocumentFacts } from '../finalize/archive-files.js';
import type { Job } from './job.js';

/**
 * A document or a redline made ready for printing: its HTML and everything its files carry. Plain data, so it
 * can cross from the preparing worker thread. Build, diff, verify and the preview all print this one type.
 */
export interface Prepared {
  job: Job;
  year: string;
  /** The output's name: kamerbrief, beslisnota-openbaar, kamerbrief.diff (→ output/<year>/<name>.pdf). */
  name: string;
  html: string;
  noteCount: number;
  /** The section files, in order: data-bron="<index>:<line>" in the HTML refers to them. */
  sections: string[];
  /**
   * What it is made from, beside the layouts: one content folder and its files for a document, the old and the
   * new revision for a redline. The provenance's source hash covers them.
   */
  sources: SourceSet[];
  /** The layouts folder it was composed with (covered by the source hash too). */
  templates: string;
  /** The PDF's facts but its provenance (added when printed: the sources' hash, the browser). */
  facts: DocumentFacts;
  /** A document's version: the DiWoo record written beside a public version's PDF (<name>.diwoo.xml), when its kind has Woo facts. */
  diwoo?: string | undefined;
  /** A document's versions own their DiWoo record: a version without one removes the one an earlier build left. */
  ownsDiwoo: boolean;
  /** The documents of the year this one declares as its bijlagen (bijlagestukken: - document: <name>). */
  bijlagen: string[];
  /** A redline's report of what changed (the terminal's summary or word diff). */
  redline?: DiffReport;
  timings: Record<string, number>;
}

export interface SourceSet {
  dir: string;
  files: string[];
  /** A revision's name (a redline's from and to). */
  label?: string;
}

/** The one place a prepared document's PDF facts are completed: its facts with its provenance. */
export function pdfFacts(prepared: Prepared, provenance: { hash: string; browser: string }): ArchiveFacts {
  return { ...prepared.facts, source: { document: prepared.facts.document, ...provenance } };
}
