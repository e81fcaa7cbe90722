import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT, voortgang } from './helpers/cli.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const COMMANDS = 'build, diff, verify, preview, new, doctor, setup, help';

describe('the command line follows the conventions', () => {
  it('--help and help print the usage on stdout with exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = voortgang(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: voortgang \[options\] \[command\]/);
      for (const c of ['build', 'diff', 'verify', 'new', 'doctor', 'setup']) expect(r.stdout).toMatch(new RegExp(`\\n  ${c} `));
      expect(r.stdout).toContain('Exit codes:\n  0  everything asked for was made');
    }
  });

  it('each command has its own help: <command> --help and help <command>, the same text', () => {
    for (const c of ['build', 'diff', 'verify', 'new', 'doctor', 'setup']) {
      const a = voortgang([c, '--help']);
      const b = voortgang(['help', c]);
      expect(a.status, c).toBe(0);
      expect(b.status, c).toBe(0);
      expect(a.stdout).toMatch(new RegExp(`^Usage: voortgang ${c} `));
      expect(b.stdout).toBe(a.stdout);
    }
    expect(voortgang(['build', '--help']).stdout).toContain('--browser <path>');
    expect(voortgang(['diff', '--help']).stdout).toContain('--from <rev|folder>');
  });

  it('--version prints the version', () => {
    for (const flag of ['--version', '-V']) {
      const r = voortgang([flag]);
      expect(r).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  it('an unknown command is named, with the list of commands, exit 2', () => {
    const r = voortgang(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`voortgang: unknown command 'frobnicate' — the commands are: ${COMMANDS} (voortgang --help tells what each does)\n`);
    expect(voortgang(['bild', '2022']).stderr).toBe(`voortgang: unknown command 'bild' (did you mean build?) — the commands are: ${COMMANDS} (voortgang --help tells what each does)\n`);
  });

  it('usage mistakes exit 2 with one message and where to find the usage; no arguments print the usage to stderr', () => {
    const cases: [string[], string][] = [
      [['build'], 'voortgang: build needs a year (e.g. voortgang build 2022) or --all\n(voortgang help build shows its usage)\n'],
      [['build', '2022', '--all'], 'voortgang: give years or --all, not both\n(voortgang help build shows its usage)\n'],
      [['build', '20x2'], 'voortgang: "20x2" is not a year — a year is written with four digits, e.g. 2022\n'],
      [['build', '2022', '--bogus'], "voortgang: unknown option '--bogus'\n(voortgang help build shows its usage)\n"],
      [['build', '2022', '--jobs', '0'], "voortgang: option '--jobs <n>' argument '0' is invalid. a whole number of 1 or more\n(voortgang help build shows its usage)\n"],
      [['diff', '2022'], "voortgang: required option '--from <rev|folder>' not specified\n(voortgang help diff shows its usage)\n"],
      [['diff', '2022', '--from', 'HEAD', '--format', 'pdf'], "voortgang: option '--format <format>' argument 'pdf' is invalid. Allowed choices are summary, text.\n(voortgang help diff shows its usage)\n"],
      [['verify'], "voortgang: missing required argument 'pdf'\n(voortgang help verify shows its usage)\n"],
      [['new', '2024'], "voortgang: required option '--from <year>' not specified\n(voortgang help new shows its usage)\n"],
    ];
    for (const [args, stderr] of cases) {
      const r = voortgang(args);
      expect({ args, status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({ args, status: 2, stderr, stdout: '' });
    }
    const none = voortgang([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^Usage: voortgang \[options\] \[command\]/);
  });
});

describe('the browser: --browser, VOORTGANG_BROWSER, the search; doctor; provenance', () => {
  const bundled = process.env.VOORTGANG_BROWSER; // set to the bundled Chromium by vitest.config.ts on Linux x86-64
  const first = () => readFileSync(join(inject('output'), '2022', 'kamerbrief.pdf'));

  it.runIf(bundled)('--browser <the bundled binary> gives the same bytes as VOORTGANG_BROWSER naming it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'voortgang-browser-')), 'output');
    const byOption = voortgang(['build', '2022', '--output', out, '--browser', bundled!], { env: { VOORTGANG_BROWSER: '' } });
    expect(byOption.stderr).toBe('');
    expect(byOption.status).toBe(0);
    expect(readFileSync(join(out, '2022', 'kamerbrief.pdf')).equals(first())).toBe(true);
  });

  it('the PDF records the version of the browser that printed it', () => {
    const text = first().toString('latin1');
    expect(text).toMatch(/\/VoortgangBrowser \((HeadlessChrome|Chrome)\/\d+\.\d+\.\d+\.\d+\)/);
  });

  it('a named browser that does not exist: one sentence, exit 1, no stack, nothing written', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'voortgang-nobrowser-')), 'output');
    for (const [args, env, says] of [
      [['--browser', '/nonexistent/chrome'], {}, '--browser /nonexistent/chrome: no such file'],
      [[], { VOORTGANG_BROWSER: '/nonexistent/chrome' }, 'VOORTGANG_BROWSER=/nonexistent/chrome: no such file'],
    ] as const) {
      const r = voortgang(['build', '2022', '--output', out, ...args], { env });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`${says} — give the path of a Chrome, Chromium or Edge executable (voortgang doctor shows which browser is used)\n`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(out, '2022', 'kamerbrief.pdf'))).toBe(false);
    }
  });

  it('a browser that does not start is named, with what to do', () => {
    const r = voortgang(['build', '2022', '--output', join(tmpdir(), 'voortgang-never'), '--browser', '/bin/true']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^could not start the browser \/bin\/true \(from option --browser\): .+ — check that it runs, or point voortgang at another with --browser <path> \(voortgang doctor shows the search\)\n/);
  });

  it('doctor tells the browser (path, where found, version), fonts and Node, and prints a test page', () => {
    const r = voortgang(['doctor']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`voortgang ${VERSION}\n`);
    expect(r.stdout).toContain(`node: ${process.version} (${process.platform} ${process.arch})`);
    expect(r.stdout).toMatch(/\nfonts: DejaVu Sans 2\.37\.3 \(npm dejavu-fonts-ttf\) in .+\n {2}DejaVuSans\.ttf: \d+ kB\n/);
    expect(r.stdout).toMatch(/\nbrowser: .+\n {2}found: .+\n {2}why: .+\n {2}version: (HeadlessChrome|Chrome)\/\d+/);
    expect(r.stdout).toMatch(/\ntest page: printed, 1 page, \d+ bytes, \d+ ms; fonts embedded: .*DejaVuSans/);
    expect(r.stdout).toMatch(/ok: this machine can print voortgang's documents\n$/);

    const none = voortgang(['doctor'], { env: { VOORTGANG_BROWSER: '/nonexistent/chrome' } });
    expect(none.status).toBe(1);
    expect(none.stdout).toContain('browser: NONE\n  VOORTGANG_BROWSER=/nonexistent/chrome: no such file');
  });

  // A second, independent Chromium where the machine has one (Debian's chromium package): the letter prints
  // with it, its provenance names it, and it repeats its own bytes.
  it.runIf(existsSync('/usr/bin/chromium'))('a real build with --browser /usr/bin/chromium', () => {
    const base = mkdtempSync(join(tmpdir(), 'voortgang-chromium-'));
    const builds = [join(base, 'a'), join(base, 'b')].map((out) => {
      const r = voortgang(['build', '2022', '--output', out, '--browser', '/usr/bin/chromium']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/kamerbrief\.pdf: \d+ pages, 51 footnotes/);
      return readFileSync(join(out, '2022', 'kamerbrief.pdf'));
    });
    expect(builds[0]!.equals(builds[1]!)).toBe(true);
    expect(builds[0]!.toString('latin1')).toMatch(/\/VoortgangBrowser \(Chrome\/\d+/);
  });
});

describe('an unexpected error', () => {
  it('is one line asking for --debug; a user error is its own sentence', async () => {
    const { failureText } = (await import(join(ROOT, 'dist', 'voortgang.js'))) as { failureText: (e: unknown) => string };
    const err = new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line");
    expect(failureText(err)).toBe("voortgang: internal error: Cannot read properties of undefined (reading 'x') — run the same command with --debug to see where, and report it");
  });
});
