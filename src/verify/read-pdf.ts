import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PROVENANCE_KEYS } from '../finalize/pdf-metadata.js';

/** What `verify` compares of a PDF: its metadata, provenance, and the text of each page. */
export interface PdfReading {
  metadata: Record<string, string>;
  provenance?: { document: string; hash: string };
  pages: string[];
}

const SHOWN = ['Title', 'Author', 'Subject', 'Keywords', 'Producer', 'CreationDate', 'ModDate', 'Language'] as const;

export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> & { Custom?: Record<string, string> } };
    const metadata: Record<string, string> = {};
    for (const key of SHOWN) if (info[key] !== undefined) metadata[key] = String(info[key]);
    const custom = info.Custom ?? {};
    const document = custom[PROVENANCE_KEYS.document];
    const hash = custom[PROVENANCE_KEYS.hash];
    for (const [k, v] of Object.entries(custom)) metadata[k] = String(v);
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' ').trim());
    }
    return { metadata, provenance: document && hash ? { document, hash } : undefined, pages };
  } finally {
    await doc.destroy();
  }
}
