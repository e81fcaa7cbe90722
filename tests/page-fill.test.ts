import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocument, inlinePreparer, launchBrowser, Renderer } from '../dist/voortgang.js';

/**
 * How full the pages are: the pass reports the unused text height at the end of each page. Every page but the
 * last ends within 15 mm of its text area, unless a keep rule forced the break — and then the report names it.
 */
const ROOT = join(import.meta.dirname, '..');
const MAX_UNUSED_MM = 15;

interface Report {
  pages: number;
  perPage: { page: number; unusedMm: number; brokenBy?: string; firstWords: string }[];
  continuedNotes: { note: number; from: number; to: number }[];
}
const reports = new Map<string, Report>();
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const output = mkdtempSync(join(tmpdir(), 'voortgang-fill-'));

beforeAll(async () => {
  browser = await launchBrowser();
  const renderer = new Renderer(browser);
  const paths = { content: join(ROOT, 'content'), templates: join(ROOT, 'templates'), output };
  for (const [year, file] of [['2022', 'kamerbrief.yaml'], ['2023', 'beslisnota.yaml']] as const) {
    const built = (await buildDocument(paths, year, join(ROOT, 'content', year, file), inlinePreparer, Promise.resolve(renderer))) as { name: string; year: string; report: Report }[];
    for (const b of built) reports.set(`${b.year}/${b.name}`, b.report);
  }
});
afterAll(async () => {
  await browser?.close();
  rmSync(output, { recursive: true, force: true });
});

describe('page fill', () => {
  for (const [doc, pages] of [['2022/kamerbrief', 13], ['2023/beslisnota', 4], ['2023/beslisnota-openbaar', 4]] as const) {
    it(`${doc}: ${pages} pages; every page but the last within ${MAX_UNUSED_MM} mm of its text area, or a keep rule named`, () => {
      const report = reports.get(doc)!;
      expect(report.pages).toBe(pages);
      expect(report.perPage.map((p) => p.page)).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
      for (const p of report.perPage.slice(0, -1)) {
        const what = `page ${p.page}: ${p.unusedMm} mm unused (${p.brokenBy ?? 'no rule'})`;
        expect(p.unusedMm, what).toBeGreaterThanOrEqual(0);
        if (p.unusedMm > MAX_UNUSED_MM) expect(['keep-with-next', 'keep-with-previous', 'unsplittable', 'orphans', 'widows', 'footnote'], what).toContain(p.brokenBy);
      }
    });
  }

  it('leaves less than 100 mm unused over all page ends of the 2022 letter (the old pass: 164 mm)', () => {
    const report = reports.get('2022/kamerbrief')!;
    for (const c of report.continuedNotes) expect(c.to).toBe(c.from + 1);
    const unused = report.perPage.slice(0, -1).reduce((sum, p) => sum + p.unusedMm, 0);
    // The old pass left 164 mm of page ends unused over the letter (95.6 mm at the end of its page 10 alone).
    expect(unused).toBeLessThan(100);
  });
});
