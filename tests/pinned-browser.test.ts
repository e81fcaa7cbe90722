import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT, voortgang } from './helpers/cli.js';

// The browser a user gets without naming one. vitest.config.ts names the bundled Chromium for every other test
// (VOORTGANG_BROWSER); these clear it, as a new user's shell has it clear, on a machine that may also have an
// installed Chromium (Debian's chromium 156 in /usr/bin here) — which would come first in a search that
// preferred installed browsers.
const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')) as { version: string }).version;
const pinned = join(ROOT, 'node_modules/.cache/voortgang', `chromium-${version}`, 'chromium');
const unnamed = { VOORTGANG_BROWSER: '', PUPPETEER_EXECUTABLE_PATH: '' };

describe.runIf(process.platform === 'linux' && process.arch === 'x64' && existsSync(pinned))('the pinned Chromium is the default', () => {
  it('doctor names it, says where it was found and why, and prints with it', () => {
    const r = voortgang(['doctor'], { env: unnamed });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      `\nbrowser: ${pinned}\n` +
        '  found: the pinned Chromium bundled in @sparticuz/chromium\n' +
        "  why: the default: voortgang's own pinned Chromium (npm @sparticuz/chromium, pinned by package-lock.json), whose PDFs are the reproducible ones; an installed browser prints only when named (--browser, VOORTGANG_BROWSER)\n" +
        `  version: HeadlessChrome/${version.split('.')[0]}.`,
    );
  });

  it('a build that names no browser gives the bytes of the pinned one (those the tests pin)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'voortgang-pinned-')), 'output');
    const r = voortgang(['build', '2022', '--output', out], { env: unnamed });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pdf = readFileSync(join(out, '2022', 'kamerbrief.pdf'));
    expect(pdf.toString('latin1')).toContain(`/VoortgangBrowser (HeadlessChrome/${version.split('.')[0]}.`);
    // global-setup built the examples with VOORTGANG_BROWSER naming the pinned binary
    expect(pdf.equals(readFileSync(join(inject('output'), '2022', 'kamerbrief.pdf')))).toBe(true);
  });

  it.runIf(existsSync('/usr/bin/chromium'))('an installed browser prints when named, and doctor says so', () => {
    const r = voortgang(['doctor'], { env: { ...unnamed, VOORTGANG_BROWSER: '/usr/bin/chromium' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '\nbrowser: /usr/bin/chromium\n  found: from VOORTGANG_BROWSER\n' + "  why: named by VOORTGANG_BROWSER; a named browser comes before voortgang's pinned Chromium\n  version: Chrome/",
    );
  });
});
