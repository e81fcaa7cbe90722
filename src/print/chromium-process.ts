import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

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
  /** Leave Ctrl-C/SIGTERM/SIGHUP to the caller; otherwise they kill the browser (Ctrl-C also exits, 130). */
  ownSignals?: boolean;
}

export function startChromium(executable: string, headless: 'shell' | 'new', args: readonly string[], options: StartOptions = {}): ChromiumProcess {
  const profile = mkdtempSync(join(tmpdir(), 'voortgang-chromium-profile-'));
  // detached: the browser leads a process group of its own, so that killing the group ends its helpers too.
  const child = spawn(executable, chromiumCommandLine(headless, args, profile), { detached: process.platform !== 'win32', env: process.env, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    const parts = (partial + text).split('\n');
    partial = parts.pop() ?? '';
    for (const l of parts) if (l.trim()) lines.push(l);
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  });
  const kill = () => killGroup(child);
  const onExit = () => {
    kill();
    rmSync(profile, { recursive: true, force: true, maxRetries: 2 });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    kill();
    if (signal === 'SIGINT') process.exit(130);
  };
  process.on('exit', onExit);
  if (!options.ownSignals) for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
  const exited = new Promise<string>((resolve) => {
    const done = (how: string) => {
      process.off('exit', onExit);
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, onSignal);
      const ended = () => resolve(how);
      rm(profile, { recursive: true, force: true, maxRetries: 2 }).then(ended, ended);
    };
    child.once('exit', (code, signal) => done(signal ? `signal ${signal}` : `exit code ${code}`));
    child.once('error', (err) => done(err.message));
  });
  return { transport: new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable), exited, log: () => (partial.trim() ? [...lines, partial] : [...lines]), kill };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill();
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
