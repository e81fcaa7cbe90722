import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { syntheticContent } from '../bench/synthetic.js';
import { voortgang } from './helpers/cli.js';
import { readLetter } from './helpers/pdf-text.js';

// A long letter: the 2022 body ×8 (≈ 110 pages, 408 footnotes), as bench/scale.js makes it for ×150.
// The bench measures time and memory; this checks only that such a letter builds and its notes are right.
const COPIES = 8;
const dir = mkdtempSync(join(tmpdir(), 'voortgang-scale-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it(`builds the 2022 body ×${COPIES}, every footnote at the bottom of the page that calls it`, async () => {
  const content = syntheticContent(dir, COPIES);
  const r = voortgang(['build', '2022', '--content', content, '--output', join(dir, 'output')], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const m = /kamerbrief\.pdf: (\d+) pages, (\d+) footnotes/.exec(r.stdout);
  expect(Number(m?.[2])).toBe(51 * COPIES);
  const pages = await readLetter(join(dir, 'output', '2022', 'kamerbrief.pdf'));
  expect(pages.length).toBe(Number(m?.[1]));
  // One letter is 13 pages, its last one half empty and its first with the letter head: copies run on, so
  // between 12 and 13 pages a copy.
  expect(pages.length).toBeGreaterThanOrEqual(12 * COPIES);
  expect(pages.length).toBeLessThanOrEqual(13 * COPIES);
  const called = pages.flatMap((p) => p.calls.map((c) => [c, p.number] as const));
  expect(called.map(([c]) => Number(c))).toEqual(Array.from({ length: 51 * COPIES }, (_, i) => i + 1));
  for (const [n, page] of called) expect(pages[page - 1]!.noteNumbers, `note ${n} on page ${page}`).toContain(n);
  for (const p of pages) expect(p.footer).toBe(`Pagina ${p.number} van ${pages.length}`);
});
