import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** A scratch folder with two copies of content/, `a` (the old revision) and `b` (the new one), to edit in a test. */
export function twoRevisions(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `voortgang-${prefix}-`));
  cpSync(join(ROOT, 'content'), join(dir, 'a'), { recursive: true });
  cpSync(join(ROOT, 'content'), join(dir, 'b'), { recursive: true });
  return dir;
}

/** Replaces the first `from` in `file` with `to`; an edit that does not apply is an error, never a silent no-op. */
export function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture edit does not apply to ${file}: ${from}`);
  writeFileSync(file, text.replace(from, to));
}
