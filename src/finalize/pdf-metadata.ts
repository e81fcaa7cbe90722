import { PDFDocument, PDFName, PDFString } from 'pdf-lib';

export interface PdfFacts {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The document's own date (YYYY-MM-DD): the PDF's creation and modification date, so builds repeat byte for byte. */
  date: string;
  producer: string;
}

/** Sets the metadata of a printed PDF and pins its dates; Chromium's own timestamps would differ per build. */
export async function finalizePdf(pdf: Uint8Array, facts: PdfFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const date = new Date(`${facts.date}T12:00:00Z`);
  doc.setTitle(facts.title, { showInWindowTitleBar: true });
  doc.setAuthor(facts.author);
  doc.setSubject(facts.subject);
  doc.setKeywords(facts.keywords);
  doc.setProducer(facts.producer);
  doc.setCreator('voortgang');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of('nl-NL'));
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
