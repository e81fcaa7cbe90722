import { execFile, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { BAD_INPUTS, type Workspace } from './fixtures/bad-inputs.js';

/**
 * Bad and hostile inputs, as a user makes them: each case breaks a copy of the real content (or the command
 * line), runs `voortgang build` as a user would, and checks what the user sees — the exact message with its
 * file:line:column, the exit code, no stack trace — and what the user keeps: the outputs of the last good
 * build byte for byte, and no temporary file left behind. One good build is shared; the content is restored
 * after each case.
 */
let base: string;
let pristine: string;
let good: Map<string, Buffer>;

const run = (dir: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'voortgang.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
/** The same, without blocking: cases run two at a time, each in its own folder. */
const runAsync = (dir: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<{ status: number | null; stderr: string }>((done) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'voortgang.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000, maxBuffer: 64 << 20 }, (err, _stdout, stderr) =>
      done({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });

function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** A file tree as lstat sees it (kind, mode, bytes): what a case's setup changed, whatever it changed. */
function fingerprint(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      out.set(relative(dir, d), 'unreadable');
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      const st = lstatSync(p);
      if (e.isDirectory()) {
        out.set(relative(dir, p), `dir ${st.mode}`);
        walk(p);
        continue;
      }
      let bytes = '';
      try {
        bytes = e.isSymbolicLink() ? `-> ${readlinkSync(p)}` : readFileSync(p).toString('base64');
      } catch {
        bytes = 'unreadable';
      }
      out.set(relative(dir, p), `${st.mode} ${bytes}`);
    }
  };
  walk(dir);
  return out;
}

/**
 * The years a default case builds: both, unless its setup changed one year's sources only — then that year (the
 * other year's build would be a good build like the shared one, and its outputs are not what the case checks).
 */
function yearsToBuild(dir: string): string[] {
  const now = fingerprint(dir);
  const was = pristineFingerprint;
  const changed = new Set<string>();
  for (const k of new Set([...now.keys(), ...was.keys()])) if (!k.startsWith('output') && now.get(k) !== was.get(k)) changed.add(k);
  const only = (year: string) => changed.size > 0 && [...changed].every((k) => k.startsWith(join('content', year) + '/') || k === join('content', year));
  if (only('2022')) return ['2022'];
  if (only('2023')) return ['2023'];
  return ['2022', '2023'];
}
let pristineFingerprint: Map<string, string>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'voortgang-bad-'));
  pristine = join(base, 'pristine');
  mkdirSync(pristine);
  for (const part of ['content', 'templates']) cpSync(join(ROOT, part), join(pristine, part), { recursive: true });
  pristineFingerprint = fingerprint(pristine);
  const work = join(base, 'work');
  cpSync(pristine, work, { recursive: true });
  const r = run(work, ['build', '2022', '2023']);
  expect(r.status, r.stderr).toBe(0);
  good = snapshot(join(work, 'output'));
  expect([...good.keys()].filter((k) => k.endsWith('.pdf')).sort()).toEqual(['2022/actieprogramma.pdf', '2022/kamerbrief.pdf', '2023/beslisnota-openbaar.pdf', '2023/beslisnota.pdf']);
}, 120_000);

afterAll(() => {
  // Give back what a case may have taken away (permissions), then clean up.
  spawnSync('chmod', ['-R', 'u+rwx', base]);
  rmSync(base, { recursive: true, force: true });
});

describe.concurrent(`${BAD_INPUTS.length} bad and hostile inputs: a clear message, exit ≠ 0, the last good outputs untouched`, () => {
  it('has at least 60 cases', () => expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(60));

  for (const c of BAD_INPUTS) {
    it.skipIf(c.skip !== undefined)(c.skip ? `${c.name} (not here: ${c.skip})` : c.name, async () => {
      const dir = join(base, `case-${BAD_INPUTS.indexOf(c)}`);
      rmSync(join(dir, 'content'), { recursive: true, force: true });
      rmSync(join(dir, 'templates'), { recursive: true, force: true });
      // The outputs of the good build, as they were.
      rmSync(join(dir, 'output'), { recursive: true, force: true });
      for (const [k, bytes] of good) {
        mkdirSync(dirname(join(dir, 'output', k)), { recursive: true });
        writeFileSync(join(dir, 'output', k), bytes);
      }
      cpSync(join(pristine, 'content'), join(dir, 'content'), { recursive: true });
      cpSync(join(pristine, 'templates'), join(dir, 'templates'), { recursive: true });
      const ws: Workspace = {
        dir,
        file: (p) => join(dir, p),
        read: (p) => readFileSync(join(dir, p), 'utf8'),
        write: (p, text) => writeFileSync(join(dir, p), text),
        append: (p, text) => appendFileSync(join(dir, p), text),
        replace: (p, from, to) => {
          const text = readFileSync(join(dir, p), 'utf8');
          if (!text.includes(from)) throw new Error(`case ${c.name}: ${p} does not contain ${from}`);
          writeFileSync(join(dir, p), text.replace(from, to));
        },
        symlink: (target, p) => symlinkSync(target, join(dir, p)),
        chmod: (p, mode) => chmodSync(join(dir, p), mode),
        mkdir: (p) => mkdirSync(join(dir, p), { recursive: true }),
        list: (p) => readdirSync(join(dir, p)),
        remove: (p) => rmSync(join(dir, p), { recursive: true, force: true }),
      };
      const extra = c.setup(ws) ?? {};
      try {
        const r = await runAsync(dir, [...(c.args ?? ['build', ...yearsToBuild(dir)]), ...(extra.args ?? [])], extra.env);
        const stderr = r.stderr.replaceAll(dir, '<dir>').replaceAll(base, '<tmp>');
        expect(r.status, stderr).toBe(c.status ?? 1);
        if (typeof c.message === 'string') expect(stderr).toContain(c.message);
        else expect(stderr).toMatch(c.message);
        expect(stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|internal error/);
        const after = snapshot(join(dir, 'output'));
        for (const [k, bytes] of good) {
          // A build of several years builds the good ones: only the broken document's outputs must be as they were,
          // and every output that exists must be a good build's (old or new, never half).
          // The bijlage is a document of its own: a case that breaks the letter through what both use (templates,
          // data sets) leaves the bijlage buildable, and it is built anew — complete, never half.
          const now = after.get(k);
          const rebuilt = /^2022\/actieprogramma\./.test(k) && now !== undefined && (k.endsWith('.html') || /%%EOF\s*$/.test(now.subarray(-32).toString('latin1')) || (k.endsWith('.mdto.xml') && now.toString('utf8').endsWith('</MDTO>\n')));
          expect((now?.equals(bytes) ?? false) || rebuilt, `${k} left as it was`).toBe(true);
        }
        const leftovers = [...after.keys()].filter((k) => /\.(tmp|old)$/.test(k));
        expect(leftovers).toEqual([]);
        c.check?.(ws);
      } finally {
        extra.cleanup?.();
        spawnSync('chmod', ['-R', 'u+rwx', dir]);
      }
    });
  }
});

describe('leftovers of an interrupted build', () => {
  it('stale temporary files of a document are removed by its next build; others are left alone', () => {
    const dir = join(base, 'work');
    const out = join(dir, 'output', '2022');
    // A build killed between writing and renaming (its pid no longer runs).
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(out, `.kamerbrief.pdf.${dead}.tmp`), 'half');
    writeFileSync(join(out, `.kamerbrief.html.${dead}.tmp`), 'half');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const r = run(dir, ['build', '2022']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['actieprogramma.diwoo.xml', 'actieprogramma.html', 'actieprogramma.pdf', 'actieprogramma.pdf.mdto.xml', 'kamerbrief.diwoo.xml', 'kamerbrief.html', 'kamerbrief.pdf', 'kamerbrief.pdf.mdto.xml', 'notes.txt']);
    expect(statSync(join(out, 'kamerbrief.pdf')).size).toBe(good.get('2022/kamerbrief.pdf')!.length);
  });
});
