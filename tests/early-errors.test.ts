import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, scratchCopy, voortgang } from './helpers/cli.js';
import { fakeExecutable } from './helpers/fake-exe.js';

// A mistake in the sources is reported without waiting for the browser: the build (and the preview) prepare
// the sources while Chromium starts, and a command that has nothing left to print stops Chromium instead of
// waiting for it to be ready. The browser here is a stand-in that starts and never answers, as a Chromium
// still starting would: a command that waited for it would hang until the launch gave up (30 s) and then
// report that the browser did not start.

let dir: string;
let content: string;
let marker: string;
let standIn: string;

/** Processes still running the stand-in (its `sleep <marker>`), from /proc. */
function standIns(): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
      if (state !== 'Z' && (cmdline.includes(marker) || cmdline.includes(standIn))) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

beforeAll(() => {
  dir = scratchCopy();
  content = join(dir, 'content');
  // Next year from the last, as a user starts it: kenmerk and datum are empty until filled in.
  const made = voortgang(['new', '2024', '--from', '2023', '--content', content]);
  expect(made.status).toBe(0);
  marker = String(100_000 + Math.floor(Math.random() * 800_000));
  standIn = fakeExecutable(join(dir, 'bin', 'chromium-that-never-answers'));
  // The stand-in records that it was started, then waits as a browser that never gets ready.
  writeFileSync(standIn, `#!/bin/sh\necho started >> "${join(dir, 'started')}"\nexec sleep ${marker}\n`);
});

const MISTAKES =
  'content/2024/beslisnota.yaml:7:10: kenmerk: is empty — fill in the kenmerk of this document, e.g. "4355467"\n' +
  'content/2024/beslisnota.yaml:8:8: datum: is empty — fill in the date of this document, YYYY-MM-DD, e.g. 2022-12-14\n';

describe('a mistake in the sources is reported before the browser is waited for', () => {
  it('build: exit 1 with the file:line:column of each mistake; the browser that was starting is stopped, not waited for', () => {
    const r = voortgang(['build', '2024', '--content', 'content', '--output', 'output', '--timings'], { cwd: dir, env: { VOORTGANG_BROWSER: standIn } });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n').filter((l) => !l.startsWith('at ')).join('\n')).toBe(MISTAKES);
    expect(r.stderr).not.toContain('browser ready');
    expect(r.stderr).not.toContain('could not start the browser');
    expect(r.stderr).toMatch(/\nat \d+ ms: 2024\/beslisnota failed\n/);
    expect(existsSync(join(dir, 'started'))).toBe(true); // the browser had been started, in parallel
    expect(standIns()).toEqual([]); // and was stopped with the command
    expect(existsSync(join(dir, 'output', '2024'))).toBe(false);
  });

  it('build without --timings: the mistakes and nothing else, the browser not waited for', () => {
    const r = voortgang(['build', '2024', '--content', 'content', '--output', 'output'], { cwd: dir, env: { VOORTGANG_BROWSER: standIn } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(MISTAKES);
    expect(standIns()).toEqual([]);
  });

  it('a year that does not exist suggests starting it from the latest year', () => {
    const r = voortgang(['build', '2025', '--content', 'content', '--output', 'output'], { cwd: dir, env: { VOORTGANG_BROWSER: standIn } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('content/2025: no such year: create it from the latest year with voortgang new 2025 --from 2024 (or make content/2025/ with a kamerbrief.yaml and its sections)\n');
    expect(standIns()).toEqual([]);
    // From elsewhere, the command names the content folder as it was given.
    const other = voortgang(['build', '2025', '--content', join(dir, 'content')], { cwd: join(dir, 'bin'), env: { VOORTGANG_BROWSER: standIn } });
    expect(other.stderr).toBe('../content/2025: no such year: create it from the latest year with voortgang new 2025 --from 2024 --content ../content (or make ../content/2025/ with a kamerbrief.yaml and its sections)\n');
  });

  it('preview: says what it does, tells the mistakes while the browser is still starting, and stops it on Ctrl-C', async () => {
    const proc = spawn(process.execPath, [join(ROOT, 'bin', 'voortgang.js'), 'preview', '2024', '--content', 'content', '--output', 'output'], {
      cwd: dir,
      env: { ...process.env, VOORTGANG_BROWSER: standIn },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c) => (stdout += c));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    // Both mistakes arrive although the browser never gets ready.
    await new Promise<void>((resolve) =>
      proc.stderr.on('data', (c) => {
        stderr += c;
        if (stderr.includes('datum: is empty')) resolve();
      }),
    );
    expect(stderr).toBe(MISTAKES);
    expect(stdout).toBe('starting the browser…\npreparing 2024/beslisnota…\n');
    proc.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toBe('starting the browser…\npreparing 2024/beslisnota…\nvoortgang preview: stopped\n');
    expect(standIns()).toEqual([]);
  });

  it('preview of a document the year does not have: the usage error, without starting a browser', () => {
    const marker = join(dir, 'started');
    const before = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
    const r = voortgang(['preview', '2024', 'kamerbrief', '--content', 'content'], { cwd: dir, env: { VOORTGANG_BROWSER: standIn } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("voortgang: 2024 has no document kamerbrief — the year's documents are: beslisnota\n(voortgang help preview shows its usage)\n");
    expect(r.stdout).toBe(''); // not even "starting the browser…"
    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe(before); // the stand-in was not started
    expect(standIns()).toEqual([]);
  });
});

describe('the pool does not wait for a browser no job needs', () => {
  it('a document whose preparation fails is reported while the browser has not started (and never does)', async () => {
    const { Run, runPool } = (await import(join(ROOT, 'dist', 'voortgang.js'))) as {
      Run: new (paths: object, options: object) => { close(): Promise<void> };
      runPool: (...args: unknown[]) => Promise<Array<{ error?: Error; built: unknown[] }>>;
    };
    const failing = { prepare: () => Promise.reject(new Error('kenmerk: is empty')), newCycle: () => undefined, close: async () => undefined };
    const run = new Run({ content, templates: join(ROOT, 'templates'), output: join(dir, 'out') }, { preparer: failing, launch: { browser: standIn } });
    const finished: string[] = [];
    const job = { kind: 'document', year: '2024', dataFile: join(content, '2024', 'beslisnota.yaml'), label: '2024/beslisnota' };
    try {
      const results = await runPool(run, [job, { ...job, label: 'again' }], 2, {
        started: () => undefined,
        finished: (r: { job: { label: string } }) => finished.push(r.job.label),
      });
      expect(results.map((r) => r.error?.message)).toEqual(['kenmerk: is empty', 'kenmerk: is empty']);
      expect(finished).toEqual(['2024/beslisnota', 'again']);
    } finally {
      await run.close();
    }
    expect(standIns()).toEqual([]); // the browser that was starting is stopped with the run
  });
});
