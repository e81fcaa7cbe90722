import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { voortgang } from './cli.js';
import { pdfWords, type PdfWords } from './pdf-words.js';

/** A scratch copy's 2023 beslisnota built, as a user builds it, with the words of both its versions read back. */
export interface BothVersions {
  stdout: string;
  status: number | null;
  intern: PdfWords;
  openbaar: PdfWords;
  /** A built file of 2023 as text: html('beslisnota-openbaar') is its paginated HTML. */
  html(name: string): string;
}

export async function buildBothVersions(dir: string): Promise<BothVersions> {
  const r = voortgang(['build', '2023', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
  expect(r.stderr).toBe('');
  const out = join(dir, 'output', '2023');
  const [intern, openbaar] = await Promise.all([pdfWords(join(out, 'beslisnota.pdf')), pdfWords(join(out, 'beslisnota-openbaar.pdf'))]);
  return { stdout: r.stdout, status: r.status, intern, openbaar, html: (name) => readFileSync(join(out, `${name}.html`), 'utf8') };
}
