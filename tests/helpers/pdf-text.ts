import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One run of text on a page, in PDF points from the top-left corner. */
export interface TextRun {
  str: string;
  x: number;
  top: number;
  size: number;
}

export interface PageText {
  number: number;
  runs: TextRun[];
}

const MM = 72 / 25.4;

/** Text runs of every page, read with pdfjs-dist (what a PDF reader sees). */
export async function readPdfText(file: string): Promise<PageText[]> {
  const data = new Uint8Array(await readFile(file));
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PageText[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const height = page.view[3]!;
    const content = await page.getTextContent();
    const runs: TextRun[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [a, b, , , e, f] = item.transform as number[];
      runs.push({ str: item.str, x: e!, top: height - f!, size: Math.round(Math.hypot(a!, b!) * 10) / 10 });
    }
    pages.push({ number: i, runs });
  }
  await doc.destroy();
  return pages;
}

/**
 * The parts of a letter page, told apart the way a reader does: the margin column is the narrow column at the
 * right; the footer is "Pagina i van N"; footnotes are the 7 pt lines at the foot; calls are the 6 pt
 * superscripts in the text; the body is the rest of the text column (on page 1, below the letter head).
 */
export interface LetterPage {
  number: number;
  margin: string;
  footer: string;
  body: string;
  calls: string[];
  /** Footnote numbers that start on this page, in order. */
  noteNumbers: string[];
  notes: string;
}

export const LAYOUT = {
  marginColumnX: 160 * MM, // anything right of this is the margin column (the text column ends at 158.5 mm)
  firstPageBodyTop: 118 * MM, // page 1: the letter head (address, Datum, Onderwerp) is above this
  footerTop: 276 * MM, // "Pagina i van N" sits below the text area, in the margin column
  noteSize: 7,
  callSize: 6,
};

export function splitLetterPage(page: PageText, firstPageBodyTop = LAYOUT.firstPageBodyTop): LetterPage {
  const margin: TextRun[] = [];
  const body: TextRun[] = [];
  const notes: TextRun[] = [];
  const calls: string[] = [];
  const footer: TextRun[] = [];
  for (const run of page.runs) {
    if (run.x >= LAYOUT.marginColumnX && run.top > LAYOUT.footerTop) {
      footer.push(run);
      continue;
    }
    if (run.x >= LAYOUT.marginColumnX) margin.push(run);
    else if (page.number === 1 && run.top < firstPageBodyTop) continue;
    else if (Math.abs(run.size - LAYOUT.callSize) < 0.3) calls.push(run.str.trim());
    else if (Math.abs(run.size - LAYOUT.noteSize) < 0.3) notes.push(run);
    else body.push(run);
  }
  const noteLeft = Math.min(...notes.map((r) => r.x));
  const noteNumbers = notes.filter((r) => Math.abs(r.x - noteLeft) < 1 && /^\d+$/.test(r.str.trim())).map((r) => r.str.trim());
  return {
    number: page.number,
    margin: joinRuns(margin),
    footer: joinRuns(footer),
    body: joinRuns(body),
    calls,
    noteNumbers,
    notes: joinRuns(notes),
  };
}

/** Runs in reading order (line by line, left to right) joined with spaces. */
export function joinRuns(runs: TextRun[]): string {
  const sorted = [...runs].sort((a, b) => (Math.abs(a.top - b.top) > 2 ? a.top - b.top : a.x - b.x));
  return sorted.map((r) => r.str).join(' ').replace(/\s+/g, ' ').trim();
}

/** `firstPageBodyTop` in mm: where the body starts on page 1 (a beslisnota's head is shorter: 96 mm). */
export async function readLetter(file: string, opts: { firstPageBodyTop?: number } = {}): Promise<LetterPage[]> {
  const top = opts.firstPageBodyTop === undefined ? LAYOUT.firstPageBodyTop : opts.firstPageBodyTop * MM;
  return (await readPdfText(file)).map((p) => splitLetterPage(p, top));
}
