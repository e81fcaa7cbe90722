import { readFile } from 'node:fs/promises';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A run of text drawn in one fill colour, as the PDF's content stream draws it. */
export interface ColouredRun {
  page: number;
  colour: string;
  text: string;
}

/**
 * The text of a PDF in runs by fill colour, read from the page content streams with pdfjs-dist: how a test
 * tells inserted (one colour) and deleted (another) words of a redline from the rest, as a reader's eye does.
 * Consecutive text in the same colour is one run.
 */
export async function colouredRuns(file: string): Promise<ColouredRun[]> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(file)), useSystemFonts: false, isEvalSupported: false }).promise;
  const runs: ColouredRun[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const ops = await (await doc.getPage(p)).getOperatorList();
    let colour = '#000000';
    let current: ColouredRun | undefined;
    for (let k = 0; k < ops.fnArray.length; k++) {
      const fn = ops.fnArray[k];
      const args = ops.argsArray[k] as unknown[];
      if (fn === OPS.setFillRGBColor) colour = String(args[0]);
      else if (fn === OPS.showText) {
        const glyphs = args[0] as Array<number | { unicode: string }>;
        const text = glyphs.map((g) => (typeof g === 'number' ? '' : g.unicode)).join('');
        if (current && current.colour === colour && current.page === p) current.text += text;
        else {
          current = { page: p, colour, text };
          runs.push(current);
        }
      } else if (fn === OPS.beginText && current) current.text += ' ';
    }
  }
  await doc.destroy();
  return runs.map((r) => ({ ...r, text: r.text.replace(/\s+/g, ' ').trim() }));
}
