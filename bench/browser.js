// The one browser every side of a bench prints with, and its name in the bench's output.
//
// A bench compares voortgang with a floor, or one size with another; if the build found an installed Chromium
// (/usr/bin/chromium) and the floor the bundled one, the ratio would compare two browsers. So a bench pins the
// browser before anything starts: the one voortgang itself would take (VOORTGANG_BROWSER if set, else its
// search: installed, Puppeteer's cache, bundled) is put in VOORTGANG_BROWSER for this process and every process
// it starts (builds, diffs, the floor, the preview). Each side then reports the version that printed — a PDF
// records it (VoortgangBrowser), the floor prints it — and sameBrowser() stops the bench if two differ.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBrowser } from '../dist/voortgang.js';

/** Pins the browser for this process and its children; returns where it is and how it was found. */
export async function pinBrowser(root) {
  const version = JSON.parse(readFileSync(join(root, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')).version;
  const bundled = join(root, 'node_modules/.cache/voortgang', `chromium-${version}`, 'chromium');
  const found = await findBrowser({
    bundled: async () => {
      if (!existsSync(bundled)) throw new Error(`${bundled} is not unpacked (npx voortgang setup)`);
      return bundled;
    },
  });
  process.env.VOORTGANG_BROWSER = found.path;
  return { path: found.path, source: found.source };
}

/** The browser that printed a PDF, as the PDF records it (`VoortgangBrowser`, e.g. HeadlessChrome/147.0.7727.0). */
export function printedBy(pdfFile) {
  const name = /VoortgangBrowser \(([^)]*)\)/.exec(readFileSync(pdfFile, 'latin1'))?.[1];
  if (!name) throw new Error(`${pdfFile} records no VoortgangBrowser`);
  return name;
}

/** Collects which browser printed what; `name` is the one browser, and a second one stops the bench. */
export class SameBrowser {
  constructor(pinned) {
    this.pinned = pinned;
    this.seen = new Map(); // version → the first thing it printed
  }

  saw(version, what) {
    if (!this.seen.has(version)) this.seen.set(version, what);
    if (this.seen.size > 1) throw new Error(`two browsers in one bench: ${[...this.seen].map(([v, w]) => `${v} (${w})`).join(' and ')} — every side must print with ${this.pinned.path}`);
  }

  get name() {
    const [version] = this.seen.keys();
    return `${version ?? 'unknown version'}, ${this.pinned.path} (${this.pinned.source})`;
  }
}
