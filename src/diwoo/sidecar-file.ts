import { rm } from 'node:fs/promises';

/** The DiWoo record of a PDF lies beside it: output/2023/beslisnota-openbaar.pdf → beslisnota-openbaar.diwoo.xml. */
export function diwooFileOf(pdfFile: string): string {
  return `${pdfFile.replace(/\.pdf$/i, '')}.diwoo.xml`;
}

/**
 * A version written without a record (its kind no longer has Woo facts, or it is no longer public) must not keep
 * the record of an earlier build beside its new PDF: that record would describe another document.
 */
export async function removeStaleRecords(written: { pdfFile: string; diwooFile?: string | undefined }[]): Promise<void> {
  for (const w of written) if (w.diwooFile === undefined) await rm(diwooFileOf(w.pdfFile), { force: true });
}
