import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../src/print/browser-args.js';
import { chromiumCommandLine } from '../src/print/chromium-process.js';
import { ROOT, scratchCopy, voortgang } from './helpers/cli.js';

describe('Chromium started without Puppeteer (src/print/chromium-process.ts)', () => {
  it('gets the command line Puppeteer’s launch() would give it: its defaults, our flags, the pipe, a profile', () => {
    // Puppeteer's defaults change with its version: this fails when an upgrade changes them.
    for (const headless of ['shell', 'new'] as const) {
      const theirs = [...puppeteer.defaultArgs({ headless: headless === 'shell' ? 'shell' : true, args: [...CHROMIUM_ARGS] }), '--remote-debugging-pipe', '--user-data-dir=/tmp/profile-x'];
      expect(chromiumCommandLine(headless, CHROMIUM_ARGS, '/tmp/profile-x')).toEqual(theirs);
    }
  });

  it('a build leaves no browser profile behind in the temporary folder', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'voortgang-tmp-'));
    const out = mkdtempSync(join(tmpdir(), 'voortgang-out-'));
    const r = voortgang(['build', '2023', '--output', out], { env: { TMPDIR: tmp } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });

  // Where /proc shows the browser's profile folder appear (Linux).
  it.runIf(process.platform === 'linux')('SIGTERM during a build: exit 143, no browser left, no profile, nothing written', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'voortgang-tmp-'));
    const out = join(mkdtempSync(join(tmpdir(), 'voortgang-out-')), 'output');
    const proc = spawn(process.execPath, [join(ROOT, 'bin', 'voortgang.js'), 'build', '2022', '--output', out], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    // As soon as the browser runs (its profile folder exists), long before the first PDF.
    while (readdirSync(tmp).length === 0) await new Promise((r) => setTimeout(r, 5));
    proc.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(browsersWith(tmp)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(join(out, '2022', 'kamerbrief.pdf'))).toBe(false);
  });

  it.runIf(process.platform === 'linux')('SIGHUP (its terminal closed) stops a preview as Ctrl-C does: no browser left, no profile', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'voortgang-tmp-'));
    const copy = scratchCopy();
    const proc = spawn(process.execPath, [join(ROOT, 'bin', 'voortgang.js'), 'preview', '2023', '--content', 'content', '--output', 'output'], { cwd: copy, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 600 && !/voortgang preview: http/.test(out) && proc.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/voortgang preview: http:\/\/127\.0\.0\.1:\d+\//);
    expect(browsersWith(tmp).length).toBeGreaterThan(0);
    proc.kill('SIGHUP');
    expect(await exited).toBe(0);
    expect(out).toContain('voortgang preview: stopped\n');
    expect(browsersWith(tmp)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('a browser that ends at once is reported with what it said', () => {
    const r = voortgang(['build', '2023', '--output', join(tmpdir(), 'voortgang-never'), '--browser', '/bin/false']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^could not start the browser \/bin\/false \(from option --browser\): it ended \(exit code 1\) before it answered — check that it runs/);
  });
});

/** The processes of a browser whose profile lies in the folder `tmp` (Linux: read from /proc). */
function browsersWith(tmp: string): string[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p) && existsSync(`/proc/${p}/cmdline`) && safeRead(`/proc/${p}/cmdline`).includes(`--user-data-dir=${tmp}`));
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // the process ended meanwhile
  }
}
