import type { Browser } from 'puppeteer-core';
import { discardBrowser, launchBrowser, type LaunchOptions } from './browser.js';
import { Renderer } from './render-pdf.js';

/**
 * The one owner of a run's browser: starts it at once (it starts while the sources are prepared), opens its pages
 * (renderers) when a job needs one, and closes pages and browser at the end. A run whose every job failed before
 * printing does not wait for the browser to be ready: the start is aborted.
 */
export class Printer {
  readonly browser: Promise<Browser>;
  private readonly launching = new AbortController();
  private readonly pages = new Set<OpeningPage>();

  constructor(launch: LaunchOptions = {}) {
    if (launch.signal?.aborted) this.launching.abort();
    launch.signal?.addEventListener('abort', () => this.launching.abort(), { once: true });
    this.browser = launchBrowser({ ...launch, signal: this.launching.signal });
    this.browser.catch(() => undefined); // a failed launch is reported by each job that needed it
  }

  /** A page of the browser, opened as soon as the browser is there; a failure is the job's that awaits it. */
  openPage(): OpeningPage {
    const page = openingPage(this.browser);
    this.pages.add(page);
    return page;
  }

  /**
   * Closes every page and the browser; a browser still starting is stopped, not waited for, and one that never
   * had a document loaded (every job failed before printing) is ended at once instead of shut down in order.
   */
  async close(): Promise<void> {
    this.launching.abort();
    const used = [...this.pages].some((p) => p.used());
    if (!used) {
      // A page the browser is opening is waited for (tens of ms): ending the browser under a pending newPage()
      // leaves Puppeteer's own 30 s target timer holding the process. One not asked for yet never will be.
      const opening = [...this.pages].filter((p) => p.state === 'opening');
      for (const p of this.pages) p.abandon();
      await Promise.all(opening.map((p) => p.renderer.catch(() => undefined)));
      await this.browser.then(discardBrowser).catch(() => undefined);
      return;
    }
    await Promise.all([...this.pages].map((p) => p.finish()));
    await this.browser.then((b) => b.close()).catch(() => undefined);
  }
}

/** A page of the browser being opened, and how far it got. */
export interface OpeningPage {
  renderer: Promise<Renderer>;
  state: 'waiting for the browser' | 'opening' | 'open' | 'failed';
  /** No more jobs: closes the page, or makes sure it is never opened if the browser is not there yet. */
  finish(): Promise<void>;
  /** The browser is about to be ended: no page is opened any more, and one being opened is not waited for. */
  abandon(): void;
  /** A document was loaded into the page. */
  used(): boolean;
}

function openingPage(browser: Promise<Browser>): OpeningPage {
  let finished = false;
  let opened: Renderer | undefined;
  const opening: OpeningPage = {
    state: 'waiting for the browser',
    renderer: browser.then(async (b) => {
      if (finished) throw new Error('no page needed any more');
      opening.state = 'opening';
      const r = new Renderer(b);
      await r.ready();
      return (opened = r);
    }),
    async finish() {
      if (finished) return;
      finished = true;
      // A page the browser is opening is waited for and closed (tens of ms): closing the browser under it would
      // leave Puppeteer waiting 30 s for its target. One not asked for yet never will be.
      if (opening.state === 'opening' || opening.state === 'open') await (await opening.renderer.catch(() => undefined))?.close();
    },
    abandon() {
      finished = true;
    },
    used: () => opened?.used === true,
  };
  opening.renderer.then(
    () => (opening.state = 'open'),
    () => (opening.state = 'failed'),
  );
  return opening;
}
