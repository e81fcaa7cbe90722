// node bench/scale-print.js <paginated.html> [variants] — where page.pdf() spends its time on a long letter.
//
// Loads the finished, already paginated HTML that a build wrote next to its PDF (no page-filling pass runs)
// in the browser voortgang finds (launchBrowser from dist/: --browser is VOORTGANG_BROWSER here), and prints
// it with page.pdf() as the build does (tagged, with outline) and, for comparison, without the structure tree
// and/or without the outline. One line per variant: ms for page.pdf(), ms per page, the PDF's size.
//   variants: a comma list of parts (what a build does: tagged, with outline, in parts above 300 pages —
//   src/print/print-in-parts.ts), tagged+outline (one page.pdf() call for the whole document), tagged, outline, plain
//   SCALE_PRINT_RANGES=1-20  print only those pages (does a page's cost depend on the document's length?)
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchBrowser, printInParts } from '../dist/voortgang.js';

const [htmlFile, which = 'parts,tagged+outline,tagged,outline,plain'] = process.argv.slice(2);
if (!htmlFile) throw new Error('usage: node bench/scale-print.js <paginated.html> [parts,tagged+outline,tagged,outline,plain]');
const root = resolve(import.meta.dirname, '..');
const html = await readFile(htmlFile, 'utf8');
const pages = Number(/class="pagina-totaal">(\d+)</.exec(html)?.[1]);
const fonts = join(root, 'node_modules/dejavu-fonts-ttf/ttf');
const variants = { parts: { tagged: true, outline: true }, 'tagged+outline': { tagged: true, outline: true }, tagged: { tagged: true, outline: false }, outline: { tagged: false, outline: true }, plain: { tagged: false, outline: false } };

const browser = await launchBrowser();
console.log(`${htmlFile}: ${pages} pages, ${(html.length / 2 ** 20).toFixed(1)} MB of HTML, ${await browser.version()}`);
try {
  for (const name of which.split(',')) {
    // A fresh page per variant: no layout or structure kept from the one before.
    const page = await browser.newPage();
    page.setDefaultTimeout(0);
    await page.setRequestInterception(true);
    page.on('request', async (req) => {
      const url = new URL(req.url());
      if (url.pathname.endsWith('.html')) return req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (url.pathname.startsWith('/fonts/')) return req.respond({ status: 200, contentType: 'font/ttf', body: await readFile(join(fonts, url.pathname.slice(7))) });
      if (url.pathname === '/favicon.ico') return req.respond({ status: 204, body: '' });
      return req.abort('blockedbyclient');
    });
    await page.emulateMediaType('print');
    let t = performance.now();
    await page.goto('http://voortgang.invalid/2022/kamerbrief.html', { waitUntil: 'load', timeout: 0 });
    await page.evaluate(() => document.fonts.ready);
    const load = performance.now() - t;
    t = performance.now();
    const options = { preferCSSPageSize: true, printBackground: true, timeout: 0, ...variants[name], ...(process.env.SCALE_PRINT_RANGES ? { pageRanges: process.env.SCALE_PRINT_RANGES } : {}) };
    const pdf = name === 'parts' ? await printInParts(page, options) : await page.pdf(options);
    const ms = performance.now() - t;
    console.log(`${name.padEnd(15)} load ${Math.round(load)} ms, page.pdf() ${Math.round(ms)} ms = ${(ms / pages).toFixed(1)} ms per page of the document${process.env.SCALE_PRINT_RANGES ? ` (pages ${process.env.SCALE_PRINT_RANGES} printed)` : ''}, ${(pdf.length / 2 ** 20).toFixed(1)} MB`);
    await page.close();
  }
} finally {
  await browser.close();
}
