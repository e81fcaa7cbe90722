import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { fakeExecutable } from './helpers/fake-exe.js';

// The search as a user's machine would see it: fake executables in a temporary folder stand for the browsers.
const { findBrowser } = (await import(join(ROOT, 'dist', 'voortgang.js'))) as {
  findBrowser: (s: Record<string, unknown>) => Promise<{ path: string; source: string; headless: string }>;
};

let dir: string;
let bundledAsked: number;
const bundled = async () => {
  bundledAsked++;
  return join(dir, 'bundled', 'chromium');
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'voortgang-browsers-'));
  bundledAsked = 0;
});

/** A Linux machine whose / is the temporary folder, with no PATH and an empty home. */
const linux = (extra: Record<string, unknown> = {}) => ({ platform: 'linux', arch: 'x64', root: dir, home: join(dir, 'home'), env: {}, bundled, ...extra });

describe('which browser prints: the order of the search', () => {
  it('--browser first, then VOORTGANG_BROWSER, then PUPPETEER_EXECUTABLE_PATH, then an installed browser', async () => {
    const option = fakeExecutable(join(dir, 'a', 'chrome-option'));
    const own = fakeExecutable(join(dir, 'b', 'chrome-own'));
    const puppeteers = fakeExecutable(join(dir, 'c', 'chrome-puppeteer'));
    const installed = fakeExecutable(join(dir, 'usr/bin/chromium'));
    const env = { VOORTGANG_BROWSER: own, PUPPETEER_EXECUTABLE_PATH: puppeteers };
    expect(await findBrowser(linux({ option, env }))).toEqual({ path: option, source: 'option --browser', headless: 'new' });
    expect(await findBrowser(linux({ env }))).toMatchObject({ path: own, source: 'VOORTGANG_BROWSER' });
    expect(await findBrowser(linux({ env: { PUPPETEER_EXECUTABLE_PATH: puppeteers } }))).toMatchObject({ path: puppeteers, source: 'PUPPETEER_EXECUTABLE_PATH' });
    expect(await findBrowser(linux())).toMatchObject({ path: installed, source: 'installed' });
    expect(bundledAsked).toBe(0);
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
    expect(await findBrowser(linux({ env: { PUPPETEER_CACHE_DIR: cache } }))).toEqual({ path: newest, source: 'puppeteer cache', headless: 'new' });
    const shell = fakeExecutable(join(cache, 'chrome-headless-shell/linux-131.0.6778.85/chrome-headless-shell-linux64/chrome-headless-shell'));
    expect(await findBrowser(linux({ env: { PUPPETEER_CACHE_DIR: cache } }))).toEqual({ path: shell, source: 'puppeteer cache', headless: 'shell' });
    // ~/.cache/puppeteer without PUPPETEER_CACHE_DIR
    const home = fakeExecutable(join(dir, 'home/.cache/puppeteer/chrome/linux-120.0.6099.109/chrome-linux64/chrome'));
    expect((await findBrowser(linux())).path).toBe(home);
    // an installed browser still comes first
    const installed = fakeExecutable(join(dir, 'usr/bin/chromium'));
    expect((await findBrowser(linux({ env: { PUPPETEER_CACHE_DIR: cache } }))).path).toBe(installed);
    expect(bundledAsked).toBe(0);
  });

  it('the bundled Chromium last, on Linux x86-64 only; elsewhere one message saying what was tried', async () => {
    expect(await findBrowser(linux())).toEqual({ path: join(dir, 'bundled', 'chromium'), source: 'bundled', headless: 'shell' });
    expect(bundledAsked).toBe(1);

    const error = await findBrowser({ platform: 'darwin', arch: 'arm64', root: dir, home: join(dir, 'home'), env: {}, bundled }).catch((e: Error) => e);
    expect(bundledAsked).toBe(1);
    expect(error).toBeInstanceOf(Error);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('no browser to print with. Tried, in this order:');
    expect(lines[1]).toBe('  --browser, VOORTGANG_BROWSER, PUPPETEER_EXECUTABLE_PATH: none given');
    expect(lines[2]).toMatch(/^ {2}installed Chrome, Chromium or Edge: none of 8 usual places \(.*Google Chrome\.app/);
    expect(lines[3]).toBe(`  Puppeteer's cache ${join(dir, 'home', '.cache', 'puppeteer')}: no browser there`);
    expect(lines[4]).toBe('  the bundled Chromium (@sparticuz/chromium): exists for Linux x86-64 only; this machine is darwin arm64');
    expect(lines[5]).toBe('Install Google Chrome, Chromium or Microsoft Edge, or point voortgang at one: --browser <path> or VOORTGANG_BROWSER=<path>.');

    const arm = await findBrowser(linux({ arch: 'arm64' })).catch((e: Error) => e.message);
    expect(arm).toContain('exists for Linux x86-64 only; this machine is linux arm64');
  });
});
