import { createHash } from 'node:crypto';
import { renumberStructureIds } from './stable-ids.js';
import { decodePdfString, pdfString } from './pdf-syntax.js';
import { archiveObjects } from './pdfa.js';
import type { LinkTexts } from './link-contents.js';
import { xmpDate } from './xmp.js';

export interface PdfFacts {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** The document's own date (YYYY-MM-DD): the PDF's creation and modification date, so builds repeat byte for byte. */
  date: string;
  producer: string;
  /** The document's headings as written: the outline (bookmarks) gets its titles from them. */
  headings?: string[];
  /** Outline titles other than the heading itself, by heading (the redline: how many changes a section has). */
  bookmarks?: Record<string, string>;
  /** Provenance, for `voortgang verify`: which document this is and the hash of what it was made from. */
  source?: { document: string; hash: string; browser: string };
  /** The text of the page's links by destination (link-contents.ts): each link annotation's /Contents. */
  links?: LinkTexts;
}

/** The Info keys of voortgang's provenance. */
export const PROVENANCE_KEYS = { document: 'VoortgangDocument', hash: 'VoortgangSourceHash', browser: 'VoortgangBrowser' } as const;

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
    (facts.source ? `/${PROVENANCE_KEYS.document} ${pdfString(facts.source.document)}\n/${PROVENANCE_KEYS.hash} ${pdfString(facts.source.hash)}\n/${PROVENANCE_KEYS.browser} ${pdfString(facts.source.browser)}\n` : '') +
    `/CreationDate (${pinned})\n/ModDate (${pinned})>>\nendobj\n`;
  // PDF/A-2b and PDF/UA-1: XMP mirroring this Info dictionary, the OutputIntent, link descriptions (pdfa.ts).
  const [rootNum, rootGen] = root.split(' ').map(Number) as [number, number];
  const xmp = { title: facts.title, author: facts.author, subject: facts.subject, keywords: facts.keywords.join(', '), creator: 'voortgang', producer: facts.producer, date: xmpDate(pinned), provenance: facts.source };
  const archive = archiveObjects(text, Number(trailer[2]), size, { num: rootNum, gen: rootGen }, xmp, facts.links ?? new Map());
  const objects = [{ num: Number(info[1]), gen: Number(info[2]), text: infoObject }, ...outlineTitles(text, facts.headings ?? [], facts.bookmarks ?? {}), ...archive.objects].sort((a, b) => a.num - b.num);
  if (objects.some((o, i) => i > 0 && objects[i - 1]!.num === o.num)) throw new Error('finalize: one object rewritten twice in the update');

  // The incremental update: the new objects, an xref section with one subsection per object, the trailer.
  const head = Buffer.from(text, 'latin1');
  let offset = head.length;
  let update = '';
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const o of objects) {
    update += '\n';
    offset += 1;
    xref += `${o.num} 1\n${String(offset).padStart(10, '0')} ${String(o.gen).padStart(5, '0')} n \n`;
    update += o.text;
    offset += Buffer.byteLength(o.text, 'latin1');
  }
  // A stable file identifier (ISO 32000-1 §14.4): the same document from the same sources has the same /ID.
  const id = createHash('sha256').update(JSON.stringify([facts.source?.document, facts.source?.hash, facts.title, facts.subject, facts.date])).digest('hex').slice(0, 32).toUpperCase();
  xref += `trailer\n<</Size ${archive.size}\n/Root ${root}\n/Info ${info[1]} ${info[2]} R\n/ID [<${id}> <${id}>]\n/Prev ${trailer[2]}>>\nstartxref\n${offset}\n%%EOF\n`;
  return Buffer.concat([head, Buffer.from(update, 'latin1'), Buffer.from(xref, 'latin1')]);
}

/**
 * Chromium titles a bookmark with the heading's text as laid out, dropping the space where a long heading
 * wraps ("delen:Psychologische"). An outline item whose title is a heading without its spaces is written
 * anew with the heading as written.
 */
function outlineTitles(text: string, headings: string[], bookmarks: Record<string, string>): Array<{ num: number; gen: number; text: string }> {
  const bare = (s: string) => s.replace(/\s+/g, '');
  const byBare = new Map(headings.map((h) => [bare(h), bookmarks[h] ?? h.replace(/\s+/g, ' ').trim()]));
  const out: Array<{ num: number; gen: number; text: string }> = [];
  for (const m of text.matchAll(/(\d+) (\d+) obj\s*<<\/Title (\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)([\s\S]*?)endobj/g)) {
    const title = decodePdfString(m[3]!);
    const heading = byBare.get(bare(title));
    if (heading === undefined || heading === title || !/\/(Parent|Dest)\b/.test(m[4]!)) continue;
    out.push({ num: Number(m[1]), gen: Number(m[2]), text: `${m[1]} ${m[2]} obj\n<</Title ${pdfString(heading)}${m[4]}endobj\n` });
  }
  return out;
}

/** D:YYYYMMDDHHmmSS+00'00' at noon UTC of the document's date. */
export function pdfDate(iso: string): string {
  return `D:${iso.replaceAll('-', '')}120000+00'00'`;
}
