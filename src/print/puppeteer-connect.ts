// Puppeteer without its Node launcher: connect() is all voortgang needs (src/print/chromium-process.ts starts
// the browser), and the launcher brings @puppeteer/browsers with its download and proxy code (2.3 MB of source:
// QuickJS, esprima, an FTP client). Loading took 159–216 ms with it, 75–138 ms without (3 runs each,
// unbundled). Puppeteer's own Node entry (puppeteer-core.js) is this plus the launcher: it gives the shared
// code Node's fs and path the same way (page.pdf({ path }), page.screenshot({ path })).
import fs from 'node:fs';
import path from 'node:path';
import { environment } from 'puppeteer-core/lib/esm/puppeteer/environment.js';
import puppeteer from 'puppeteer-core/lib/esm/puppeteer/puppeteer-core-browser.js';

environment.value = {
  fs,
  path,
  get ScreenRecorder(): never {
    throw new Error('screencasts are not used by voortgang');
  },
} as unknown as typeof environment.value;

export const connect = puppeteer.connect.bind(puppeteer);
