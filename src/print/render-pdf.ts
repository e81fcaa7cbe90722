import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { ROOT } from '../paths.js';
import { stopwatch } from '../timings.js';
import { FONT_DIR } from './fonts.js';

/** Documents are served to the page from memory at this origin; any other request is refused. */
export const ORIGIN = 'http://voortgang.invalid';

// Sent to the page as written (not compiled or bundled): read from src/.
const PAGINATOR = join(ROOT, 'src', 'print', 'in-page', 'paginate.js');

export interface PaginationReport {
  pages: number;
  notesOnPage: Record<string, number>;
  callsOnPage: Record<string, number>;
  unplaced: number[];
  overflows: { page: number; px: number; sideways?: boolean }[];
  headingAtEnd: number[];
  ms: number;
}

export interface Rendered {
  pdf: Uint8Array;
  /** The paginated HTML, as printed. */
  snapshot: string;
  report: PaginationReport;
}

/** The page asked for something outside the in-memory origin: `urls` are what it asked for. */
export class OfflineRenderError extends Error {
  constructor(
    message: string,
    readonly urls: string[] = [],
  ) {
    super(message);
  }
}

/**
 * Renders letters in one browser page: serve the HTML, let the page-filling pass lay it out, print it.
 * Every request outside ORIGIN is blocked and fails the render.
 */
export class Renderer {
  private page: Page | undefined;
  private files = new Map<string, { body: Buffer | string; type: string }>();
  private blocked: string[] = [];
  private pageErrors: string[] = [];
  private static paginator: Promise<string> | undefined;

  constructor(private readonly browser: Browser) {}

  /** The version the printing browser reports (HeadlessChrome/147.0.7727.0): part of a PDF's provenance. */
  browserVersion(): Promise<string> {
    return this.browser.version();
  }

  /** Opens the page with its request guard, ahead of the first render. */
  async ready(): Promise<void> {
    await this.open();
  }

  private async open(): Promise<Page> {
    if (this.page) return this.page;
    const page = await this.browser.newPage();
    // No fixed limit a long document can hit: a 2,000-page letter takes minutes to lay out and print.
    page.setDefaultTimeout(0);
    page.setDefaultNavigationTimeout(0);
    await page.setRequestInterception(true);
    // Puppeteer turns the cache off with interception; the fonts never change, so let a warm page keep them.
    await page.setCacheEnabled(true);
    page.on('request', (req) => void this.serve(req));
    page.on('pageerror', (err) => this.pageErrors.push(String((err as Error).message ?? err)));
    await page.emulateMediaType('print');
    await page.setJavaScriptEnabled(true);
    this.page = page;
    return page;
  }

  private async serve(req: HTTPRequest): Promise<void> {
    const url = req.url();
    if (url.startsWith('data:') || url === 'about:blank') return req.continue();
    if (url.startsWith(`${ORIGIN}/`)) {
      const path = decodeURIComponent(new URL(url).pathname);
      // Chrome's new headless mode asks for the site's icon by itself; no source asked for it.
      if (path === '/favicon.ico' && req.resourceType() === 'other') return req.respond({ status: 204, body: '' });
      const file = this.files.get(path) ?? (await this.font(path));
      if (file) return req.respond({ status: 200, contentType: file.type, body: file.body, headers: file.type.startsWith('font/') ? { 'cache-control': 'public, max-age=31536000, immutable' } : { 'cache-control': 'no-store' } });
      this.blocked.push(url);
      return req.respond({ status: 404, contentType: 'text/plain', body: 'not found' });
    }
    this.blocked.push(url);
    return req.abort('blockedbyclient');
  }

  private async font(path: string) {
    const m = /^\/fonts\/([A-Za-z0-9-]+\.ttf)$/.exec(path);
    if (!m) return undefined;
    const cached = this.files.get(path);
    if (cached) return cached;
    const entry = { body: await readFile(join(FONT_DIR, m[1]!)), type: 'font/ttf' };
    this.files.set(path, entry);
    return entry;
  }

  /** `path` is where the HTML lives, e.g. "/2022/kamerbrief.html": relative URLs resolve from there. */
  async render(html: string, path: string): Promise<Rendered> {
    const { times: marks, lap: mark } = stopwatch();
    Renderer.paginator ??= readFile(PAGINATOR, 'utf8');
    const page = await this.open();
    mark('open');
    this.blocked = [];
    this.pageErrors = [];
    const script = `<script id="voortgang-paginate">${await Renderer.paginator}</script>`;
    const at = html.lastIndexOf('</body>');
    if (at < 0) throw new Error('the layout has no </body>');
    const full = `${html.slice(0, at)}${script}\n${html.slice(at)}`;
    if (page.url() === `${ORIGIN}${path}`) {
      // The page is already at this address (a rebuild): replace its document in place, no navigation.
      await page.setContent(full, { waitUntil: 'load' });
    } else {
      this.files.set(path, { body: full, type: 'text/html; charset=utf-8' });
      await page.goto(`${ORIGIN}${path}`, { waitUntil: 'load' });
    }
    mark('goto');
    if (this.pageErrors.length) throw new Error(`script error in the page: ${this.pageErrors.join('; ')}`);
    const report = (await page.evaluate(async () => {
      // Load every face before measuring: the flow is not laid out yet, so nothing has asked for them.
      // A face that cannot load (a remote URL) fails here; the request guard reports which one, with its source.
      await Promise.all(Array.from(document.fonts, (f) => f.load().catch(() => undefined)));
      await document.fonts.ready;
      document.getElementById('voortgang-paginate')?.remove();
      const report = (window as unknown as { voortgangPaginate(): unknown }).voortgangPaginate();
      // Page chrome cloned from <template>s loads its images only now: wait, so that every request is seen.
      await Promise.all(Array.from(document.images, (img) => (img.complete ? null : new Promise((done) => { img.onload = img.onerror = done; }))));
      return report;
    })) as PaginationReport;
    mark('paginate');
    this.throwIfBlocked();
    const snapshot = await page.content();
    mark('snapshot');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 0 });
    mark('pdf');
    this.files.delete(path);
    this.throwIfBlocked(); // requests made while printing count too
    if (process.env.VOORTGANG_TRACE) process.stderr.write(`render ${JSON.stringify(marks)}\n`);
    return { pdf, snapshot, report };
  }

  private throwIfBlocked(): void {
    if (this.blocked.length) throw new OfflineRenderError(`rendering asked for ${this.blocked.join(', ')}; voortgang renders offline — remove the reference from the sources`, [...this.blocked]);
  }

  /** Prints already paginated HTML as is (the benchmark's floor). */
  async printStatic(html: string, path: string): Promise<Uint8Array> {
    const page = await this.open();
    this.files.set(path, { body: html, type: 'text/html; charset=utf-8' });
    await page.goto(`${ORIGIN}${path}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 0 });
    this.files.delete(path);
    return pdf;
  }

  async close(): Promise<void> {
    await this.page?.close();
    this.page = undefined;
  }
}
