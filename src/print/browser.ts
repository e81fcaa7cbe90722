import puppeteer, { type Browser } from 'puppeteer-core';
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
  const executablePath = await chromiumExecutable();
  return puppeteer.launch({
    executablePath,
    headless: 'shell',
    args: CHROMIUM_ARGS,
    pipe: true,
    protocolTimeout: 120_000,
  });
}
