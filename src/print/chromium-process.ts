import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';
import { STOP_SIGNALS, stopWhenSafe, stoppedExitCode } from '../interrupt.js';

/**
 * Starts Chromium as Puppeteer's launch() does — the same command line (tests/chromium-process.test.ts holds
 * it against Puppeteer's own defaultArgs), a temporary profile, DevTools over a pipe, the process group killed
 * when Node exits — but without Puppeteer, so that Chromium starts while Puppeteer's modules are still loading
 * (about 100 ms of the main thread on a cold start) instead of after. The caller connects Puppeteer to
 * `transport` (puppeteer.connect) once it has loaded. A cold build of the bijlage had its browser ready
 * 80 ms later than a bare puppeteer.launch() did before this (the build's own modules load first).
 */
export interface ChromiumProcess {
  transport: ConnectionTransport;
  /** Resolves when the process has ended and its profile is removed: how it ended ("exit code 1", "signal SIGKILL"). */
  exited: Promise<string>;
  /** The last lines the process wrote to stderr (for an error message). */
  log(): string[];
  kill(): void;
}

/** Puppeteer's default Chromium flags (ChromeLauncher.defaultArgs of puppeteer-core 24), in its order. */
export function chromiumCommandLine(headless: 'shell' | 'new', args: readonly string[], userDataDir: string): string[] {
  return [
    '--allow-pre-commit-input',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-breakpad',
    '--disable-client-side-phishing-detection',
    '--disable-component-extensions-with-background-pages',
    '--disable-crash-reporter',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-hang-monitor',
    '--disable-infobars',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--disable-search-engine-choice-screen',
    '--disable-sync',
    '--enable-automation',
    '--export-tagged-pdf',
    '--force-color-profile=srgb',
    '--generate-pdf-document-outline',
    '--metrics-recording-only',
    '--no-first-run',
    '--password-store=basic',
    '--use-mock-keychain',
    '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
    '--enable-features=PdfOopif',
    headless === 'shell' ? '--headless' : '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-extensions',
    'about:blank',
    ...args,
    '--remote-debugging-pipe',
    `--user-data-dir=${userDataDir}`,
  ];
}

export interface StartOptions {
  /** Leave Ctrl-C/SIGTERM/SIGHUP to the caller; otherwise they kill the browser and exit (130, 143, 129). */
  ownSignals?: boolean;
}

export function startChromium(executable: string, headless: 'shell' | 'new', args: readonly string[], options: StartOptions = {}): ChromiumProcess {
  // The handlers first: a signal that comes while the browser is being started still finds them.
  let child: ChildProcess | undefined;
  let profile: string | undefined;
  const kill = () => {
    if (child) killGroup(child);
  };
  const onExit = () => {
    kill();
    try {
      if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // A browser still letting go of its files (Windows): the folder stays in the temporary folder.
    }
  };
  // Stopped from outside, the command stops, as it would without these handlers (128 + the signal's number);
  // the 'exit' handler then removes the profile. (Puppeteer's launch() went on after SIGTERM with the browser
  // gone: every document left failed with a protocol error.) A document whose files are being replaced is
  // replaced first (src/interrupt.ts): its PDF and HTML stay a pair.
  const onSignal = (signal: NodeJS.Signals) => {
    kill();
    stopWhenSafe(stoppedExitCode(signal));
  };
  const signals = options.ownSignals ? [] : STOP_SIGNALS;
  process.on('exit', onExit);
  for (const s of signals) process.on(s, onSignal);
  const forget = () => {
    process.off('exit', onExit);
    for (const s of signals) process.off(s, onSignal);
  };
  let started: ChildProcess;
  try {
    profile = mkdtempSync(join(tmpdir(), 'voortgang-chromium-profile-'));
    // The browser's own temporary files (.org.chromium.Chromium.*, which a helper process killed at the end can
    // leave behind) go inside the profile folder, which is removed when the browser has ended.
    const temp = join(profile, 'tmp');
    mkdirSync(temp);
    // detached: the browser leads a process group of its own, so that killing the group ends its helpers too.
    started = child = spawn(executable, chromiumCommandLine(headless, args, profile), { detached: process.platform !== 'win32', env: { ...process.env, TMPDIR: temp, TMP: temp, TEMP: temp }, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  } catch (err) {
    forget();
    if (profile) rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const folder = profile;
  const lines: string[] = [];
  let partial = '';
  started.stderr?.setEncoding('utf8');
  started.stderr?.on('data', (text: string) => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    for (const l of parts) if (l.trim()) lines.push(l);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  });
  const exited = new Promise<string>((resolve) => {
    const done = (how: string) => {
      forget();
      const ended = () => resolve(how);
      rm(folder, { recursive: true, force: true, maxRetries: 2 }).then(ended, ended);
    };
    started.once('exit', (code, signal) => done(signal ? `signal ${signal}` : `exit code ${code}`));
    started.once('error', (err) => done(err.message));
  });
  return { transport: new PipeTransport(started.stdio[3] as Writable, started.stdio[4] as Readable), exited, log: () => (partial.trim() ? [...lines, partial] : [...lines]), kill };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Its helpers (renderers, GPU, utilities) with it: the process tree on Windows, the group elsewhere.
    if (process.platform === 'win32') execFileSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** DevTools messages over Chromium's pipe (fd 3 in, fd 4 out): JSON texts ended by a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly out: Writable,
    input: Readable,
  ) {
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    input.on('close', () => this.onclose?.());
    input.on('error', () => undefined);
    out.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.closed) return;
    this.out.write(message);
    this.out.write('\0');
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    let end = chunk.indexOf(0);
    while (end !== -1) {
      const message = Buffer.concat([...this.pending, chunk.subarray(start, end)]).toString('utf8');
      this.pending = [];
      // As Puppeteer's own pipe transport does: each message in a task of its own.
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
      end = chunk.indexOf(0, start);
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  close(): void {
    this.closed = true;
  }
}
