import type { Browser } from 'puppeteer-core';
import { UserError } from '../errors.js';
import { chromiumCacheDir, chromiumExecutable } from './chromium-binary.js';
import { findBrowser, type FoundBrowser } from './find-browser.js';

/** The flags this project's machines need; background networking off so that nothing leaves the machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-domain-reliability',
  '--no-pings',
  '--font-render-hinting=none',
  '--disable-dev-shm-usage',
];

export interface LaunchOptions {
  /** `--browser <path>`: overrides VOORTGANG_BROWSER, PUPPETEER_EXECUTABLE_PATH and the search. */
  browser?: string;
  /**
   * The caller stops the browser itself on Ctrl-C/SIGTERM (the preview closes its server and watch first):
   * Puppeteer's own handlers, which kill the browser and exit at once, stay off. It still kills it if Node exits.
   */
  ownSignals?: boolean;
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
  // Imported here, not at the top: loading Puppeteer is the first thing a build waits for, so it starts first.
  const [{ default: puppeteer }, found] = await Promise.all([import('puppeteer-core'), findBrowser({ option: options.browser, bundled: chromiumExecutable })]);
  // The bundled Chromium is a headless-shell build, also when it is named by path.
  const headless = found.headless === 'shell' || found.path.startsWith(chromiumCacheDirSafe()) ? 'shell' : true;
  let browser: Browser;
  try {
    browser = await puppeteer.launch({ executablePath: found.path, headless, args: CHROMIUM_ARGS, pipe: true, protocolTimeout: 0, ...(options.ownSignals ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}) });
  } catch (err) {
    const first = String((err as Error)?.message ?? err).split('\n')[0];
    throw new UserError(`could not start the browser ${found.path} (${describeSource(found)}): ${first} — check that it runs, or point voortgang at another with --browser <path> (voortgang doctor shows the search)`);
  }
  identities.set(browser, { ...found, headless: headless === 'shell' ? 'shell' : 'new', version: await browser.version() });
  return browser;
}

export function describeSource(found: FoundBrowser): string {
  switch (found.source) {
    case 'bundled':
      return 'the bundled Chromium of @sparticuz/chromium';
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
