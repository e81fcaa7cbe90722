import type { Page, PDFOptions } from 'puppeteer-core';
import { DOM } from '../paginate/contract.js';
import { mergeChromiumPdfs } from './merge-pdf.js';

/**
 * Pages per part when a long document is printed in parts. Chromium's page.pdf() costs more per page the more
 * the DOM holds (merge-pdf.ts has the figures): with only a part's pages in #paginas, pages 1–200 of the 2022
 * body ×150 printed in 3.6 s where `pageRanges: '1-200'` took 13.6 s. Every document up to
 * SPLIT_ABOVE pages — every real one — is printed whole, as one page.pdf() call.
 */
export const PART_PAGES = 200;
export const SPLIT_ABOVE = 300;

/**
 * Prints the paginated document: whole, or — above SPLIT_ABOVE pages — in parts of about PART_PAGES pages,
 * each printed with only its pages in the DOM and joined into one PDF. The DOM is as before afterwards.
 */
export async function printInParts(page: Page, options: PDFOptions): Promise<Uint8Array> {
  if (await printsWhole(page)) return page.pdf(options);
  const total = await pageCount(page);
  const count = Math.ceil(total / PART_PAGES);
  const size = Math.ceil(total / count);
  const ranges = Array.from({ length: count }, (_, i) => [i * size, Math.min(total, (i + 1) * size)] as const);

  const pages = await page.evaluateHandle((book) => {
    const holder = document.getElementById(book)!;
    const all = Array.from(holder.children);
    holder.replaceChildren();
    return all;
  }, DOM.book);
  try {
    const parts: Uint8Array[] = [];
    for (const [from, to] of ranges) {
      await page.evaluate((book, all, a, z) => document.getElementById(book)!.replaceChildren(...all.slice(a, z)), DOM.book, pages, from, to);
      parts.push(await page.pdf(options));
    }
    return mergeChromiumPdfs(parts);
  } finally {
    await page.evaluate((book, all) => document.getElementById(book)!.replaceChildren(...all), DOM.book, pages);
    await pages.dispose();
  }
}

/** Whether the document is printed as one page.pdf() call, its DOM untouched while it prints. */
export async function printsWhole(page: Page): Promise<boolean> {
  return (await pageCount(page)) <= SPLIT_ABOVE;
}

function pageCount(page: Page): Promise<number> {
  return page.evaluate((book) => document.getElementById(book)?.children.length ?? 0, DOM.book);
}
