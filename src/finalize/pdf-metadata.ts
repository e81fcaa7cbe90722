import { renumberStructureIds } from './stable-ids.js';

export interface PdfFacts {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The document's own date (YYYY-MM-DD): the PDF's creation and modification date, so builds repeat byte for byte. */
  date: string;
  producer: string;
  /** Provenance, for `voortgang verify`: which document this is and the hash of what it was made from. */
  source?: { document: string; hash: string };
}

/** The Info keys of voortgang's provenance. */
export const PROVENANCE_KEYS = { document: 'VoortgangDocument', hash: 'VoortgangSourceHash' } as const;

/**
 * Sets the document information of a PDF printed by Chromium, pins its dates and its structure ids.
 *
 * Chromium (Skia) writes an uncompressed Info dictionary with the time of printing as CreationDate and ModDate,
 * and a classic xref table. The dates are overwritten in place with the document's date (same length, so every
 * offset stays valid) and a new Info dictionary is appended as a PDF incremental update (ISO 32000-1 §7.5.6).
 * This takes about a millisecond, where loading and re-saving the whole file with pdf-lib took ~200 ms plus
 * ~220 ms to import pdf-lib — half of a build's budget. Anything unexpected in the input is an error, never a
 * silently different file.
 */
export function finalizePdf(input: Uint8Array, facts: PdfFacts): Uint8Array {
  const pdf = Buffer.from(input);
  const latin = pdf.toString('latin1');
  const pinned = pdfDate(facts.date);

  let text = renumberStructureIds(latin);
  for (const key of ['CreationDate', 'ModDate']) {
    const re = new RegExp(`/${key} \\(D:\\d{14}[+-Z][^)]*\\)`, 'g');
    const matches = text.match(re);
    if (!matches || matches.length !== 1) throw new Error(`finalize: expected one /${key} in the printed PDF, found ${matches?.length ?? 0}`);
    const replacement = `/${key} (${pinned.padEnd(matches[0].length - key.length - 4, ' ')})`;
    if (replacement.length !== matches[0].length) throw new Error(`finalize: /${key} has an unexpected form: ${matches[0]}`);
    text = text.replace(re, replacement);
  }

  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$/.exec(text);
  if (!trailer) throw new Error('finalize: the printed PDF has no classic trailer');
  const dict = trailer[1]!;
  const size = Number(/\/Size (\d+)/.exec(dict)?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(dict)?.[1];
  const info = /\/Info (\d+) (\d+) R/.exec(dict);
  if (!size || !root || !info) throw new Error('finalize: the trailer lacks /Size, /Root or /Info');

  const infoObject =
    `${info[1]} ${info[2]} obj\n<</Title ${pdfString(facts.title)}\n/Author ${pdfString(facts.author)}\n/Subject ${pdfString(facts.subject)}\n` +
    `/Keywords ${pdfString(facts.keywords.join(', '))}\n/Creator (voortgang)\n/Producer ${pdfString(facts.producer)}\n` +
    (facts.source ? `/${PROVENANCE_KEYS.document} ${pdfString(facts.source.document)}\n/${PROVENANCE_KEYS.hash} ${pdfString(facts.source.hash)}\n` : '') +
    `/CreationDate (${pinned})\n/ModDate (${pinned})>>\nendobj\n`;
  const head = Buffer.from(text, 'latin1');
  const objectOffset = head.length + 1; // after the newline below
  const update = `\n${infoObject}`;
  const xrefOffset = objectOffset + Buffer.byteLength(infoObject, 'latin1');
  const xref =
    `xref\n0 1\n0000000000 65535 f \n${info[1]} 1\n${String(objectOffset).padStart(10, '0')} ${info[2]!.padStart(5, '0')} n \n` +
    `trailer\n<</Size ${size}\n/Root ${root}\n/Info ${info[1]} ${info[2]} R\n/Prev ${trailer[2]}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([head, Buffer.from(update, 'latin1'), Buffer.from(xref, 'latin1')]);
}

/** D:YYYYMMDDHHmmSS+00'00' at noon UTC of the document's date. */
export function pdfDate(iso: string): string {
  return `D:${iso.replaceAll('-', '')}120000+00'00'`;
}

/** A PDF text string: a literal string for plain ASCII, UTF-16BE with a byte order mark otherwise. */
export function pdfString(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}
