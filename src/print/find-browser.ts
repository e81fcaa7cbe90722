import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Which browser prints, in this order (README, "The browser that prints"):
 *  1. one named by the user: `--browser <path>`, else VOORTGANG_BROWSER, else PUPPETEER_EXECUTABLE_PATH —
 *     a name that does not lead to an executable is an error, never silently replaced by another browser;
 *  2. voortgang's own pinned Chromium: the one bundled in the npm package @sparticuz/chromium (pinned by
 *     package-lock.json, unpacked into node_modules/.cache/voortgang/), which exists for Linux x86-64 only. It is
 *     the default where it exists, also when another browser is installed: its PDFs are the reproducible ones;
 *  3. an installed Google Chrome, Chromium or Microsoft Edge in the usual places of Linux, macOS and Windows
 *     (on Linux also those names on the PATH);
 *  4. a browser in Puppeteer's own cache (~/.cache/puppeteer, or PUPPETEER_CACHE_DIR), newest build first.
 * Where none is found, the error says what was tried and how to point voortgang at a browser.
 */
export interface FoundBrowser {
  path: string;
  /** Where it was found, as the user reads it: "--browser", "VOORTGANG_BROWSER", "installed", "puppeteer cache", "bundled". */
  source: 'option --browser' | 'VOORTGANG_BROWSER' | 'PUPPETEER_EXECUTABLE_PATH' | 'installed' | 'puppeteer cache' | 'bundled';
  /**
   * How it runs headless. A headless-shell build (the bundled Chromium, chrome-headless-shell) has only the
   * "shell" mode; Chrome, Chromium and Edge since version 132 only the new headless mode.
   */
  headless: 'shell' | 'new';
  /** Why this one and not another (voortgang doctor prints it). */
  why: string;
}

export interface BrowserSearch {
  /** The value of --browser, if given. */
  option?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  home?: string;
  /** Prefixed to the fixed absolute places (/usr/bin/…, /Applications/…): a temporary folder in tests. */
  root?: string;
  /** The bundled (pinned) Chromium's executable, unpacked on first use; only asked for on Linux x86-64. */
  bundled: () => Promise<string>;
}

export class BrowserNotFoundError extends UserError {}

export async function findBrowser(search: BrowserSearch): Promise<FoundBrowser> {
  const env = search.env ?? process.env;
  const platform = search.platform ?? process.platform;
  const arch = search.arch ?? process.arch;
  const home = search.home ?? homedir();
  const root = search.root ?? '';

  const named: [FoundBrowser['source'], string | undefined][] = [
    ['option --browser', search.option],
    ['VOORTGANG_BROWSER', env.VOORTGANG_BROWSER],
    ['PUPPETEER_EXECUTABLE_PATH', env.PUPPETEER_EXECUTABLE_PATH],
  ];
  for (const [source, value] of named) {
    if (value === undefined || value === '') continue;
    const problem = notExecutable(value, platform);
    const how = source === 'option --browser' ? `--browser ${value}` : `${source}=${value}`;
    if (problem) {
      throw new BrowserNotFoundError(`${how}: ${problem} — give the path of a Chrome, Chromium or Edge executable (voortgang doctor shows which browser is used)`);
    }
    return { path: value, source, headless: headlessOf(value), why: `named by ${source === 'option --browser' ? '--browser' : source}; a named browser comes before voortgang's pinned Chromium` };
  }

  let pinnedProblem: string;
  if (platform === 'linux' && arch === 'x64') {
    try {
      return { path: await search.bundled(), source: 'bundled', headless: 'shell', why: PINNED_WHY };
    } catch (err) {
      pinnedProblem = `could not be unpacked (${firstLine(err)}); run npx voortgang setup`;
    }
  } else {
    pinnedProblem = `exists for Linux x86-64 only; this machine is ${platform} ${arch}`;
  }
  const noPinned = `there is no pinned Chromium here (@sparticuz/chromium ${pinnedProblem})`;

  const places = installedPlaces(platform, env, home, root);
  for (const path of places) {
    if (!notExecutable(path, platform)) return { path, source: 'installed', headless: headlessOf(path), why: `${noPinned}, so an installed browser prints` };
  }

  const cacheDir = env.PUPPETEER_CACHE_DIR || join(home, '.cache', 'puppeteer');
  for (const path of puppeteerCache(cacheDir, platform, arch)) {
    if (!notExecutable(path, platform)) return { path, source: 'puppeteer cache', headless: headlessOf(path), why: `${noPinned} and no installed Chrome, Chromium or Edge, so Puppeteer's cache is used` };
  }

  throw new BrowserNotFoundError(
    [
      'no browser to print with. Tried, in this order:',
      '  --browser, VOORTGANG_BROWSER, PUPPETEER_EXECUTABLE_PATH: none given',
      `  the pinned Chromium (@sparticuz/chromium): ${pinnedProblem}`,
      `  installed Chrome, Chromium or Edge: none of ${places.length} usual places (${shorten(places)})`,
      `  Puppeteer's cache ${cacheDir}: no browser there`,
      'Install Google Chrome, Chromium or Microsoft Edge, or point voortgang at one: --browser <path> or VOORTGANG_BROWSER=<path>.',
    ].join('\n'),
  );
}

/** Why the pinned Chromium prints when nothing is named. */
export const PINNED_WHY = "the default: voortgang's own pinned Chromium (npm @sparticuz/chromium, pinned by package-lock.json), whose PDFs are the reproducible ones; an installed browser prints only when named (--browser, VOORTGANG_BROWSER)";

/** The usual places of an installed Chrome, Chromium or Edge, most specific first. */
function installedPlaces(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string, root = ''): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    ];
    return [...apps.map((a) => join(root, '/Applications', a)), ...apps.map((a) => join(home, 'Applications', a))];
  }
  if (platform === 'win32') {
    const bases = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.ProgramW6432].filter((b): b is string => !!b);
    const exes = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return [...new Set(exes.flatMap((exe) => bases.map((b) => join(b, ...exe.split('\\')))))];
  }
  // Linux and the BSDs.
  const names = ['google-chrome-stable', 'google-chrome', 'chromium', 'chromium-browser', 'microsoft-edge-stable', 'microsoft-edge'];
  const fixed = [
    ...names.map((n) => join(root, '/usr/bin', n)),
    join(root, '/snap/bin/chromium'),
    join(root, '/opt/google/chrome/chrome'),
    join(root, '/opt/microsoft/msedge/msedge'),
  ];
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => names.map((n) => join(dir, n)));
  return [...new Set([...fixed, ...onPath])];
}

/** Browsers Puppeteer downloaded (`npx puppeteer browsers install …`): headless shell first, newest build first. */
function puppeteerCache(cacheDir: string, platform: NodeJS.Platform, arch: string): string[] {
  const folder = platform === 'darwin' ? (arch === 'arm64' ? 'mac_arm' : 'mac') : platform === 'win32' ? (arch === 'ia32' ? 'win32' : 'win64') : 'linux';
  const inner = platform === 'darwin' ? (arch === 'arm64' ? 'mac-arm64' : 'mac-x64') : platform === 'win32' ? folder : 'linux64';
  const exe = platform === 'win32' ? '.exe' : '';
  const products: [string, (dir: string) => string][] = [
    ['chrome-headless-shell', (dir) => join(dir, `chrome-headless-shell-${inner}`, `chrome-headless-shell${exe}`)],
    ['chrome', (dir) => (platform === 'darwin' ? join(dir, `chrome-${inner}`, 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing') : join(dir, `chrome-${inner}`, `chrome${exe}`))],
  ];
  const out: string[] = [];
  for (const [product, executable] of products) {
    let builds: string[];
    try {
      builds = readdirSync(join(cacheDir, product)).filter((d) => d.startsWith(`${folder}-`));
    } catch {
      continue;
    }
    builds.sort((a, b) => compareVersions(b.slice(folder.length + 1), a.slice(folder.length + 1)));
    for (const b of builds) out.push(executable(join(cacheDir, product, b)));
  }
  return out;
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Why a path is no executable file, or undefined when it is one. */
function notExecutable(path: string, platform: NodeJS.Platform): string | undefined {
  try {
    if (!statSync(path).isFile()) return 'not a file';
  } catch {
    return 'no such file';
  }
  if (platform === 'win32') return undefined;
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return 'not executable (chmod +x?)';
  }
}

function headlessOf(path: string): FoundBrowser['headless'] {
  return /headless[-_]shell/i.test(path) ? 'shell' : 'new';
}

function shorten(places: string[]): string {
  return places.length <= 4 ? places.join(', ') : `${places.slice(0, 3).join(', ')}, …`;
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}
