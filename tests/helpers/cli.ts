import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the voortgang command line as a user would, from the repository root. */
export function voortgang(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  // An empty value in opts.env removes the variable.
  const env = Object.fromEntries(Object.entries({ ...process.env, ...opts.env }).filter(([, v]) => v !== ''));
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'voortgang.js'), ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', timeout: 120_000, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch copy of content/ (and optionally templates/) to break things in. */
export function scratchCopy(parts: Array<'content' | 'templates'> = ['content']): string {
  const dir = mkdtempSync(join(tmpdir(), 'voortgang-scratch-'));
  for (const p of parts) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  return dir;
}

/**
 * A letter's data file for a copy of the letter alone (another year, a fixture): without the list of its
 * bijlagen, which names documents of its own year (the bijlage is not copied along).
 */
export function letterAlone(yaml: string): string {
  return yaml.replace(/^bijlagestukken:.*\n(?:[ \t]+.*\n)*/m, '');
}

/**
 * One document's part of what `voortgang diff` prints for a year (every document of the year in turn): from
 * its "<name>: a → b" line to its "<…>/<name>.diff.pdf: N pages" line.
 */
export function diffOutputOf(stdout: string, name: string): string {
  const m = new RegExp(`^${name}: [\\s\\S]*?\\n\\S*\\b${name}\\.diff\\.pdf: \\d+ pages\\n`, 'm').exec(stdout);
  if (!m) throw new Error(`no part for ${name} in:\n${stdout}`);
  return m[0];
}
