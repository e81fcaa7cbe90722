import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

// A production install: the repository's files with the bundle in dist/, `npm ci --omit=dev`, and nothing of
// the development tools. build and verify must run from what `dependencies` installs.
describe('a production install (npm ci --omit=dev)', () => {
  it('can build and verify a letter', { timeout: 300_000 }, () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'voortgang-prod-')), 'voortgang');
    const skip = new Set(['node_modules', 'output', '.git', '.vitest-cache']);
    cpSync(ROOT, dir, { recursive: true, filter: (src) => !skip.has(relative(ROOT, src).split(/[\\/]/)[0]!) });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFileSync(npm, ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'pipe', shell: process.platform === 'win32' });

    const installed = readdirSync(join(dir, 'node_modules'));
    for (const devOnly of ['vitest', 'typescript', 'esbuild', 'ajv']) expect(installed, devOnly).not.toContain(devOnly);
    expect(existsSync(join(dir, 'node_modules', 'pdfjs-dist'))).toBe(true);

    // The install's own browser search, not the one the test run names.
    const env = { ...process.env };
    delete env.VOORTGANG_BROWSER;
    const run = (...args: string[]) => spawnSync(process.execPath, ['bin/voortgang.js', ...args], { cwd: dir, encoding: 'utf8', env });
    const doctor = run('doctor');
    expect(doctor.stdout).toContain('test page: printed');
    expect(doctor.status).toBe(0);
    const built = run('build', '2022', '--output', 'out');
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    expect(built.stdout).toMatch(/kamerbrief\.pdf: \d+ pages, 51 footnotes/);
    const verified = run('verify', 'out/2022/kamerbrief.pdf');
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toMatch(/^out\/2022\/kamerbrief\.pdf: identical/);
    expect(verified.status).toBe(0);
  });
});
