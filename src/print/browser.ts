import type { Browser } from 'puppeteer-core';
import { UserError } from '../errors.js';
import { chromiumCacheDir, chromiumExecutable } from './chromium-binary.js';
import { CHROMIUM_ARGS } from './browser-args.js';
import { startChromium, type ChromiumProcess } from './chromium-process.js';
import { findBrowser, type FoundBrowser } from './find-browser.js';

export { CHROMIUM_ARGS } from './browser-args.js';

export interface LaunchOptions {
  /** `--browser <path>`: overrides VOORTGANG_BROWSER, PUPPETEER_EXECUTABLE_PATH and the search. */
  browser?: string;
  /**
   * The caller stops the browser itself on Ctrl-C/SIGTERM (the preview closes its server and watch first):
   * the handlers that kill the browser and exit at once stay off. It is still killed if Node exits.
   */
  ownSignals?: boolean;
  /**
   * Aborted while the browser still starts (the sources had a mistake: nothing is left to print), the process
   * is killed and the launch rejects with a LaunchAborted at once, instead of waiting for it to be ready.
   * Once launched, the Browser is the caller's to close; a later abort does nothing.
   */
  signal?: AbortSignal;
}

/** The launch was no longer needed (LaunchOptions.signal): not a failure to report. */
export class LaunchAborted extends Error {
  constructor() {
    super('the browser was no longer needed');
  }
}

/** The browser a launched Browser is: where it was found and the version it reports (for doctor and provenance). */
export interface BrowserIdentity extends FoundBrowser {
  version: string;
}

const identities = new WeakMap<Browser, BrowserIdentity>();

export function browserIdentity(browser: Browser): BrowserIdentity | undefined {
  return identities.get(browser);
}

/** The one place a browser process is started; whoever calls it owns the Browser and closes it. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const { signal } = options;
  if (signal?.aborted) throw new LaunchAborted();
  const found = await findBrowser({ option: options.browser, bundled: chromiumExecutable });
  if (signal?.aborted) throw new LaunchAborted();
  // The bundled Chromium is a headless-shell build, also when it is named by path.
  const headless = found.headless === 'shell' || found.path.startsWith(chromiumCacheDirSafe()) ? 'shell' : 'new';
  const cannot = (why: string) => new UserError(`could not start the browser ${found.path} (${describeSource(found)}): ${why} — check that it runs, or point voortgang at another with --browser <path> (voortgang doctor shows the search)`);
  let chromium: ChromiumProcess;
  try {
    chromium = startChromium(found.path, headless, CHROMIUM_ARGS, { ownSignals: options.ownSignals });
  } catch (err) {
    throw cannot(firstLine(err));
  }
  // Puppeteer loads while the browser starts (src/print/chromium-process.ts): its part that connects.
  const puppeteerLoaded = import('./puppeteer-connect.js');
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(cannot(`it did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
    void chromium.exited.then((how) => reject(cannot(chromium.log()[0] ?? `it ended (${how}) before it answered`)));
    onAbort = () => reject(new LaunchAborted());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  gaveUp.catch(() => undefined);
  let browser: Browser;
  try {
    // The same class as puppeteer-core's Browser; its types come from another declaration file.
    const connected = puppeteerLoaded.then(({ connect }) => connect({ transport: chromium.transport, defaultViewport: { width: 800, height: 600 }, protocolTimeout: 0 }) as unknown as Promise<Browser>);
    connected.catch(() => undefined);
    browser = await Promise.race([connected, gaveUp]);
  } catch (err) {
    chromium.kill();
    if (err instanceof LaunchAborted) {
      await chromium.exited;
      throw err;
    }
    throw err instanceof UserError ? err : cannot(firstLine(err));
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
  // Closing waits for the process to end (its profile removed), as launch()'s close did; one that does not
  // end within CLOSE_TIMEOUT_MS is killed.
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close().catch(() => undefined);
    const ended = await Promise.race([chromium.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), CLOSE_TIMEOUT_MS).unref())]);
    if (!ended) chromium.kill();
    await chromium.exited;
  };
  processes.set(browser, chromium);
  try {
    identities.set(browser, { ...found, headless, version: await browser.version() });
  } catch (err) {
    chromium.kill();
    throw cannot(firstLine(err));
  }
  return browser;
}

const processes = new WeakMap<Browser, ChromiumProcess>();

/**
 * Ends a browser that printed nothing: its process group killed and its profile removed, without Chromium's
 * orderly shutdown (≈130 ms at the end of a command whose sources had a mistake, once Chromium was ready first).
 */
export async function discardBrowser(browser: Browser): Promise<void> {
  const chromium = processes.get(browser);
  if (!chromium) return browser.close();
  chromium.kill();
  await chromium.exited;
}

/** The first line of an error's message: what the start of a browser failed with. */
function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}

/** As long as Puppeteer's launch() waits for a browser to answer. */
const CONNECT_TIMEOUT_MS = 30_000;
/** How long a closed browser may take to end before it is killed. */
const CLOSE_TIMEOUT_MS = 5_000;

export function describeSource(found: FoundBrowser): string {
  switch (found.source) {
    case 'bundled':
      return 'the pinned Chromium bundled in @sparticuz/chromium';
    case 'installed':
      return 'installed on this machine';
    case 'puppeteer cache':
      return "from Puppeteer's cache";
    default:
      return `from ${found.source}`;
  }
}

function chromiumCacheDirSafe(): string {
  try {
    return chromiumCacheDir();
  } catch {
    return '\0';
  }
}
