import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { fakeExecutable } from './helpers/fake-exe.js';

// The search as a user's machine would see it: fake executables in a temporary folder stand for the browsers.
const { findBrowser } = (await import(join(ROOT, 'dist', 'voortgang.js'))) as {
  findBrowser: (s: Record<string, unknown>) => Promise<{ path: string; source: string; headless: string; why: string }>;
};

let dir: string;
let bundledAsked: number;
/** voortgang's pinned Chromium, there. */
const bundled = async () => {
  bundledAsked++;
  return join(dir, 'bundled', 'chromium');
};
/** No pinned Chromium on this Linux x86-64 machine: the package cannot be unpacked. */
const unpinned = async () => {
  bundledAsked++;
  throw new Error('cannot find the @sparticuz/chromium package');
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'voortgang-browsers-'));
  bundledAsked = 0;
});

/** A Linux machine whose / is the temporary folder, with no PATH, an empty home and no pinned Chromium. */
const linux = (extra: Record<string, unknown> = {}) => ({ platform: 'linux', arch: 'x64', root: dir, home: join(dir, 'home'), env: {}, bundled: unpinned, ...extra });
const NO_PINNED = 'there is no pinned Chromium here (@sparticuz/chromium could not be unpacked (cannot find the @sparticuz/chromium package); run npx voortgang setup)';

describe('which browser prints: the order of the search', () => {
  it('--browser first, then VOORTGANG_BROWSER, then PUPPETEER_EXECUTABLE_PATH, then the pinned Chromium, then an installed browser', async () => {
    const option = fakeExecutable(join(dir, 'a', 'chrome-option'));
    const own = fakeExecutable(join(dir, 'b', 'chrome-own'));
    const puppeteers = fakeExecutable(join(dir, 'c', 'chrome-puppeteer'));
    const installed = fakeExecutable(join(dir, 'usr/bin/chromium'));
    const env = { VOORTGANG_BROWSER: own, PUPPETEER_EXECUTABLE_PATH: puppeteers };
    expect(await findBrowser(linux({ option, env, bundled }))).toEqual({ path: option, source: 'option --browser', headless: 'new', why: "named by --browser; a named browser comes before voortgang's pinned Chromium" });
    expect(await findBrowser(linux({ env, bundled }))).toMatchObject({ path: own, source: 'VOORTGANG_BROWSER', why: "named by VOORTGANG_BROWSER; a named browser comes before voortgang's pinned Chromium" });
    expect(await findBrowser(linux({ env: { PUPPETEER_EXECUTABLE_PATH: puppeteers }, bundled }))).toMatchObject({ path: puppeteers, source: 'PUPPETEER_EXECUTABLE_PATH' });
    expect(bundledAsked).toBe(0);
    expect(await findBrowser(linux({ bundled }))).toMatchObject({ path: join(dir, 'bundled', 'chromium'), source: 'bundled' });
    expect(bundledAsked).toBe(1);
    expect(await findBrowser(linux())).toEqual({ path: installed, source: 'installed', headless: 'new', why: `${NO_PINNED}, so an installed browser prints` });
  });

  it('the pinned Chromium is the default on Linux x86-64, before an installed Chrome, Chromium or Edge and Puppeteer\'s cache', async () => {
    fakeExecutable(join(dir, 'usr/bin/chromium'));
    fakeExecutable(join(dir, 'usr/bin/google-chrome-stable'));
    fakeExecutable(join(dir, 'home/.cache/puppeteer/chrome/linux-120.0.6099.109/chrome-linux64/chrome'));
    expect(await findBrowser(linux({ bundled }))).toEqual({
      path: join(dir, 'bundled', 'chromium'),
      source: 'bundled',
      headless: 'shell',
      why: "the default: voortgang's own pinned Chromium (npm @sparticuz/chromium, pinned by package-lock.json), whose PDFs are the reproducible ones; an installed browser prints only when named (--browser, VOORTGANG_BROWSER)",
    });
  });

  it('a named browser that is not there is an error, never quietly replaced by another', async () => {
    fakeExecutable(join(dir, 'usr/bin/chromium'));
    await expect(findBrowser(linux({ option: join(dir, 'nope') }))).rejects.toThrow(`--browser ${join(dir, 'nope')}: no such file — give the path of a Chrome, Chromium or Edge executable (voortgang doctor shows which browser is used)`);
    await expect(findBrowser(linux({ env: { VOORTGANG_BROWSER: dir } }))).rejects.toThrow(`VOORTGANG_BROWSER=${dir}: not a file`);
    const plain = fakeExecutable(join(dir, 'not-exec'), false);
    await expect(findBrowser(linux({ env: { PUPPETEER_EXECUTABLE_PATH: plain } }))).rejects.toThrow(`PUPPETEER_EXECUTABLE_PATH=${plain}: not executable (chmod +x?)`);
  });

  it('Linux: Google Chrome before Chromium before Edge in the usual places, then the same names on the PATH', async () => {
    const edge = fakeExecutable(join(dir, 'usr/bin/microsoft-edge-stable'));
    expect((await findBrowser(linux())).path).toBe(edge);
    const chromium = fakeExecutable(join(dir, 'usr/bin/chromium'));
    expect((await findBrowser(linux())).path).toBe(chromium);
    const chrome = fakeExecutable(join(dir, 'usr/bin/google-chrome-stable'));
    expect((await findBrowser(linux())).path).toBe(chrome);

    const other = mkdtempSync(join(tmpdir(), 'voortgang-path-'));
    const onPath = fakeExecutable(join(other, 'bin', 'chromium-browser'));
    expect(await findBrowser(linux({ root: other, env: { PATH: `/nonexistent:${join(other, 'bin')}` } }))).toMatchObject({ path: onPath, source: 'installed' });
  });

  it('macOS: Chrome, Chromium or Edge in /Applications or ~/Applications', async () => {
    const mac = (extra = {}) => ({ platform: 'darwin', arch: 'arm64', root: dir, home: join(dir, 'Users/ambtenaar'), env: {}, bundled, ...extra });
    const mine = fakeExecutable(join(dir, 'Users/ambtenaar/Applications/Chromium.app/Contents/MacOS/Chromium'));
    expect(await findBrowser(mac())).toMatchObject({ path: mine, source: 'installed', headless: 'new' });
    const edge = fakeExecutable(join(dir, 'Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'));
    expect((await findBrowser(mac())).path).toBe(edge);
    const chrome = fakeExecutable(join(dir, 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
    expect((await findBrowser(mac())).path).toBe(chrome);
  });

  it('Windows: Chrome, Chromium, Edge under %LOCALAPPDATA%, %PROGRAMFILES% and %PROGRAMFILES(X86)%', async () => {
    const env = { LOCALAPPDATA: join(dir, 'Local'), PROGRAMFILES: join(dir, 'Program Files'), 'PROGRAMFILES(X86)': join(dir, 'Program Files (x86)') };
    const win = { platform: 'win32', arch: 'x64', home: join(dir, 'home'), env, bundled };
    const edge = fakeExecutable(join(dir, 'Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
    expect(await findBrowser(win)).toMatchObject({ path: edge, source: 'installed' });
    const chrome = fakeExecutable(join(dir, 'Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe'));
    expect((await findBrowser(win)).path).toBe(chrome);
    const own = fakeExecutable(join(dir, 'Local', 'Google', 'Chrome', 'Application', 'chrome.exe'));
    expect((await findBrowser(win)).path).toBe(own);
  });

  it("Puppeteer's cache after the installed browsers: headless shell first, newest build first", async () => {
    const cache = join(dir, 'pcache');
    fakeExecutable(join(cache, 'chrome/linux-131.0.6778.85/chrome-linux64/chrome'));
    const newest = fakeExecutable(join(cache, 'chrome/linux-141.0.7390.54/chrome-linux64/chrome'));
    fakeExecutable(join(cache, 'chrome/linux-99.0.4844.51/chrome-linux64/chrome'));
    expect(await findBrowser(linux({ env: { PUPPETEER_CACHE_DIR: cache } }))).toEqual({ path: newest, source: 'puppeteer cache', headless: 'new', why: `${NO_PINNED} and no installed Chrome, Chromium or Edge, so Puppeteer's cache is used` });
    const shell = fakeExecutable(join(cache, 'chrome-headless-shell/linux-131.0.6778.85/chrome-headless-shell-linux64/chrome-headless-shell'));
    expect(await findBrowser(linux({ env: { PUPPETEER_CACHE_DIR: cache } }))).toMatchObject({ path: shell, source: 'puppeteer cache', headless: 'shell' });
    // ~/.cache/puppeteer without PUPPETEER_CACHE_DIR
    const home = fakeExecutable(join(dir, 'home/.cache/puppeteer/chrome/linux-120.0.6099.109/chrome-linux64/chrome'));
    expect((await findBrowser(linux())).path).toBe(home);
    // an installed browser still comes first
    const installed = fakeExecutable(join(dir, 'usr/bin/chromium'));
    expect((await findBrowser(linux({ env: { PUPPETEER_CACHE_DIR: cache } }))).path).toBe(installed);
    // and the pinned Chromium before both
    expect((await findBrowser(linux({ env: { PUPPETEER_CACHE_DIR: cache }, bundled }))).source).toBe('bundled');
  });

  it('where there is no pinned Chromium (not Linux x86-64) and no other browser: one message saying what was tried', async () => {
    const error = await findBrowser({ platform: 'darwin', arch: 'arm64', root: dir, home: join(dir, 'home'), env: {}, bundled }).catch((e: Error) => e);
    expect(bundledAsked).toBe(0);
    expect(error).toBeInstanceOf(Error);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('no browser to print with. Tried, in this order:');
    expect(lines[1]).toBe('  --browser, VOORTGANG_BROWSER, PUPPETEER_EXECUTABLE_PATH: none given');
    expect(lines[2]).toBe('  the pinned Chromium (@sparticuz/chromium): exists for Linux x86-64 only; this machine is darwin arm64');
    expect(lines[3]).toMatch(/^ {2}installed Chrome, Chromium or Edge: none of 8 usual places \(.*Google Chrome\.app/);
    expect(lines[4]).toBe(`  Puppeteer's cache ${join(dir, 'home', '.cache', 'puppeteer')}: no browser there`);
    expect(lines[5]).toBe('Install Google Chrome, Chromium or Microsoft Edge, or point voortgang at one: --browser <path> or VOORTGANG_BROWSER=<path>.');

    const arm = await findBrowser(linux({ arch: 'arm64', bundled })).catch((e: Error) => e.message);
    expect(arm).toContain('the pinned Chromium (@sparticuz/chromium): exists for Linux x86-64 only; this machine is linux arm64');
    expect(bundledAsked).toBe(0);
    // An installed browser there, and why.
    const installed = fakeExecutable(join(dir, 'usr/bin/chromium'));
    expect(await findBrowser(linux({ arch: 'arm64', bundled }))).toEqual({
      path: installed,
      source: 'installed',
      headless: 'new',
      why: 'there is no pinned Chromium here (@sparticuz/chromium exists for Linux x86-64 only; this machine is linux arm64), so an installed browser prints',
    });
  });
});
