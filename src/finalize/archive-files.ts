import { basename } from 'node:path';
import { finalizePdf, type PdfFacts } from './pdf-metadata.js';
import { linkTexts } from './link-contents.js';
import { mdtoRecord, recordFile } from './mdto-record.js';
import type { OutputFile } from './write-atomic.js';

/** What a prepared document (build or redline) knows for its PDF and its MDTO record. */
export type DocumentFacts = Omit<PdfFacts, 'source'> & {
  /** year/name: VoortgangDocument. */
  document: string;
  /** For the MDTO record: the kenmerk (when the kind has one) and the ministry that gave it. */
  record: { kenmerk?: string; organisation: string };
};

/** A document's facts with its provenance: everything its finalized PDF and MDTO record say. */
export type ArchiveFacts = DocumentFacts & { source: NonNullable<PdfFacts['source']> };

/**
 * The one finalize path of everything voortgang prints (build, diff, the preview's PDF button): the printed PDF
 * made archive-grade (metadata, provenance, PDF/A-2b and PDF/UA-1 identification, link descriptions from the
 * printed page's HTML), and the files to write together: the PDF and its MDTO record beside it.
 */
export function archivedPdf(pdf: Uint8Array, snapshot: string, facts: ArchiveFacts): { pdf: Uint8Array; files(pdfFile: string): OutputFile[] } {
  const { document, record, source, ...pdfFacts } = facts;
  const final = finalizePdf(pdf, { ...pdfFacts, source, links: linkTexts(snapshot) });
  return {
    pdf: final,
    files: (pdfFile) => [
      { path: pdfFile, data: final },
      { path: recordFile(pdfFile), data: mdtoRecord(final, { name: basename(pdfFile), document, title: facts.title, date: facts.date, ...record }) },
    ],
  };
}
