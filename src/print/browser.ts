import type { Browser } from 'puppeteer-core';
import { chromiumExecutable } from './chromium-binary.js';

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

export async function launchBrowser(): Promise<Browser> {
  // Imported here, not at the top: loading Puppeteer is the first thing a build waits for, so it starts first.
  const [{ default: puppeteer }, executablePath] = await Promise.all([import('puppeteer-core'), chromiumExecutable()]);
  return puppeteer.launch({
    executablePath,
    headless: 'shell',
    args: CHROMIUM_ARGS,
    pipe: true,
    protocolTimeout: 120_000,
  });
}
