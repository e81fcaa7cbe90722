import type { Browser, CDPSession, Page, Protocol } from 'puppeteer-core';
import { PAGINATE_GLOBAL } from '../paginate/contract.js';
import type { PaginationReport } from '../paginate/report.js';
import { stopwatch } from '../timings.js';
import { faceAt } from './fonts.js';
import { printInParts, printsWhole } from './print-in-parts.js';

export type { BreakRule, PageReport, PaginationReport } from '../paginate/report.js';

/** Documents are served to the page from memory at this origin; any other request is refused. */
export const ORIGIN = 'http://voortgang.invalid';

// The page-filling pass (src/paginate/), bundled into one script by scripts/bundle.mjs.
declare const __PAGINATE_SCRIPT__: string | undefined;
const PAGINATOR = typeof __PAGINATE_SCRIPT__ === 'string' ? __PAGINATE_SCRIPT__ : undefined;

export interface Rendered {
  pdf: Uint8Array;
  /** The paginated HTML, as printed. */
  snapshot: string;
  report: PaginationReport;
}

/**
 * The page's own DevTools session, which Puppeteer keeps behind its internal _client() (there since v19; the
 * version is pinned). A session of one's own (page.createCDPSession()) serves as well, but with a second
 * session attached Chromium prints slower: the bijlage's page.pdf() took 152–165 ms so, 110–116 ms with the
 * page's own (3 runs each). Without _client(), a session of its own still works.
 */
function ownSession(page: Page): CDPSession | Promise<CDPSession> {
  const own = (page as unknown as { _client?: () => CDPSession })._client;
  return typeof own === 'function' ? own.call(page) : page.createCDPSession();
}

/** The ways a paused request is answered (Renderer.serve). */
interface Answer {
  with(status: number, type: string, body: Buffer | string, headers?: Record<string, string>): Promise<unknown>;
  go(): Promise<unknown>;
  refuse(why?: Protocol.Network.ErrorReason): Promise<unknown>;
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
  /** A document was loaded into its page: the browser did some work for the run. */
  used = false;

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
    // The page's requests are answered here, through the DevTools Fetch domain, rather than with Puppeteer's
    // request interception: its respond() encodes a body to base64 in JavaScript (String.fromCodePoint + btoa),
    // 15–20 ms of the main thread for each 0.7 MB face; Buffer's encoder takes under 1 ms. Loading the bijlage
    // with its four faces took 146–157 ms that way, 96–109 ms this way (3 runs each, same browser).
    const session = await ownSession(page);
    session.on('Fetch.requestPaused', (event: Protocol.Fetch.RequestPausedEvent) => void this.serve(session, event));
    page.on('pageerror', (err) => this.pageErrors.push(String((err as Error).message ?? err)));
    await Promise.all([session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }), page.emulateMediaType('print'), page.setJavaScriptEnabled(true)]);
    this.page = page;
    return page;
  }

  private async serve(session: CDPSession, event: Protocol.Fetch.RequestPausedEvent): Promise<void> {
    const { requestId, request } = event;
    const url = request.url;
    const answer: Answer = {
      with: (status, type, body, headers = {}) =>
        session.send('Fetch.fulfillRequest', {
          requestId,
          responseCode: status,
          responseHeaders: [{ name: 'content-type', value: type }, ...Object.entries(headers).map(([name, value]) => ({ name, value }))],
          body: (typeof body === 'string' ? Buffer.from(body, 'utf8') : body).toString('base64'),
        }),
      go: () => session.send('Fetch.continueRequest', { requestId }),
      refuse: (why = 'BlockedByClient') => session.send('Fetch.failRequest', { requestId, errorReason: why }),
    };
    // Every paused request gets an answer, whatever goes wrong in finding it: one left unanswered would keep
    // the page loading, and the build waiting, for ever.
    let reply: () => Promise<unknown>;
    try {
      reply = await this.replyTo(url, event.resourceType, answer);
    } catch {
      // A path that is no URI (a stray "%") or a face that cannot be read: refused, and reported as asked for.
      this.blocked.push(url);
      reply = () => answer.refuse('Failed');
    }
    try {
      await reply();
    } catch {
      // The page went away (closed, or navigated on) before the answer: nothing waits for it any more.
    }
  }

  /** How to answer a request: a file from memory or a face, 204 for the icon, else 404 or a refusal (blocked). */
  private async replyTo(url: string, resourceType: string, answer: Answer): Promise<() => Promise<unknown>> {
    if (url.startsWith('data:') || url === 'about:blank') return () => answer.go();
    if (!url.startsWith(`${ORIGIN}/`)) {
      this.blocked.push(url);
      return () => answer.refuse();
    }
    const path = decodeURIComponent(new URL(url).pathname);
    // Chrome's new headless mode asks for the site's icon by itself; no source asked for it.
    if (path === '/favicon.ico' && resourceType === 'Other') return () => answer.with(204, 'text/plain', '');
    const file = this.files.get(path) ?? (await this.font(path));
    if (file) return () => answer.with(200, file.type, file.body, { 'cache-control': file.type.startsWith('font/') ? 'public, max-age=31536000, immutable' : 'no-store' });
    this.blocked.push(url);
    return () => answer.with(404, 'text/plain', 'not found');
  }

  private async font(path: string) {
    const face = faceAt(path);
    return face && { body: await face, type: 'font/ttf' };
  }

  /**
   * load → paginate → print. `path` is where the HTML lives, e.g. "/2022/kamerbrief.html": relative URLs
   * resolve from there. Times of the steps go to VOORTGANG_TRACE; the pass's own time is in the report.
   */
  async render(html: string, path: string): Promise<Rendered> {
    const { times: marks, lap: mark } = stopwatch();
    await this.load(html, path);
    mark('load');
    const report = await this.paginate();
    mark('paginate');
    const { pdf, snapshot } = await this.print(path);
    mark('print');
    if (process.env.VOORTGANG_TRACE) process.stderr.write(`render ${JSON.stringify(marks)}\n`);
    return { pdf, snapshot, report };
  }

  /** Serves the document with the pass's script and opens it; resolves once its fonts have loaded. */
  async load(html: string, path: string): Promise<void> {
    if (!PAGINATOR) throw new Error('the page-filling pass is not bundled: run npm run build');
    this.used = true;
    const page = await this.open();
    this.blocked = [];
    this.pageErrors = [];
    const script = `<script id="voortgang-paginate">${PAGINATOR}</script>`;
    const at = html.lastIndexOf('</body>');
    if (at < 0) throw new Error('the layout has no </body>');
    const full = `${html.slice(0, at)}${script}\n${html.slice(at)}`;
    if (page.url() === `${ORIGIN}${path}`) {
      // The page is already at this address (a rebuild): replace its document in place, no navigation.
      await page.setContent(full, { waitUntil: 'load' });
    } else {
      this.files.set(path, { body: full, type: 'text/html; charset=utf-8' });
      await page.goto(`${ORIGIN}${path}`, { waitUntil: 'load' });
      this.files.delete(path);
    }
    if (this.pageErrors.length) throw new Error(`script error in the page: ${this.pageErrors.join('; ')}`);
    await page.evaluate(async () => {
      // Load every face before measuring: the flow is not laid out yet, so nothing has asked for them.
      // A face that cannot load (a remote URL) fails here; the request guard reports which one, with its source.
      await Promise.all(Array.from(document.fonts, (f) => f.load().catch(() => undefined)));
      await document.fonts.ready;
    });
  }

  /** Runs the page-filling pass on the loaded document. */
  async paginate(): Promise<PaginationReport> {
    const page = await this.open();
    const report = (await page.evaluate(async (global) => {
      document.getElementById('voortgang-paginate')?.remove();
      const report = (window as unknown as Record<string, () => unknown>)[global]!();
      // Page chrome cloned from <template>s loads its images only now: wait, so that every request is seen.
      await Promise.all(Array.from(document.images, (img) => (img.complete ? null : new Promise((done) => { img.onload = img.onerror = done; }))));
      return report;
    }, PAGINATE_GLOBAL)) as PaginationReport;
    this.throwIfBlocked();
    return report;
  }

  /** The paginated document as HTML (what output/<year>/<name>.html holds), without printing it (the preview). */
  async snapshot(): Promise<string> {
    const page = await this.open();
    const snapshot = await page.content();
    this.throwIfBlocked();
    return snapshot;
  }

  /** The paginated document, as HTML and as PDF. */
  async print(path: string): Promise<{ pdf: Uint8Array; snapshot: string }> {
    const page = await this.open();
    const options = { preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 0 };
    let snapshot: string;
    let pdf: Uint8Array;
    if (await printsWhole(page)) {
      // Asked for together, the snapshot is made while Chromium sets up the print: the bijlage's content() and
      // page.pdf() took a median 172 ms one after the other, 157 ms together (15 runs of each, interleaved).
      [pdf, snapshot] = await Promise.all([page.pdf(options), page.content()]);
    } else {
      // In parts, the DOM holds one part at a time while it prints: the snapshot comes first.
      snapshot = await page.content();
      pdf = await printInParts(page, options);
    }
    this.files.delete(path);
    this.throwIfBlocked(); // requests made while printing count too
    return { pdf, snapshot };
  }

  /** Reads the loaded page (tests and tools look at the laid-out pages with it): a function or an expression. */
  async inspect<T>(fn: string | (() => T | Promise<T>)): Promise<T> {
    const page = await this.open();
    return (await page.evaluate(fn as never)) as T;
  }

  private throwIfBlocked(): void {
    if (this.blocked.length) throw new OfflineRenderError(`rendering asked for ${this.blocked.join(', ')}; voortgang renders offline — remove the reference from the sources`, [...this.blocked]);
  }

  /** Prints already paginated HTML as is (the benchmark's floor). */
  async printStatic(html: string, path: string): Promise<Uint8Array> {
    this.used = true;
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
