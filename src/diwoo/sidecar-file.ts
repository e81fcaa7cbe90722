/** The DiWoo record of a PDF lies beside it: output/2023/beslisnota-openbaar.pdf → beslisnota-openbaar.diwoo.xml. */
export function diwooFileOf(pdfFile: string): string {
  return `${pdfFile.replace(/\.pdf$/i, '')}.diwoo.xml`;
}
