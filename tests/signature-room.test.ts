import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readPdfText, type PageText } from './helpers/pdf-text.js';

/**
 * Room to sign between a signatory's function and name: ≈ 20 mm in the real 2022 letter. Measured in the PDF as
 * a reader's ruler would: from the baseline of the function line to the baseline of the name, at least 18 mm
 * and at most 25 mm, the name under its function, both on the letter's last page (the block is never split).
 */
const MM = 72 / 25.4;
const ROOT = join(import.meta.dirname, '..');

/** The signatories of the real 2022 letter, as its PDF prints them (tests/fixtures/seeds/kamerbrief-2022-pdftext.txt). */
const SIGNATORIES_2022 = [
  { functie: 'De Minister van Justitie en Veiligheid,', naam: 'D. Yeşilgöz-Zegerius' },
  { functie: 'De Minister voor Rechtsbescherming,', naam: 'F.M. Weerwind' },
];

describe('the 2022 Kamerbrief: room to sign', () => {
  let pages: PageText[];
  beforeAll(async () => {
    pages = await readPdfText(join(inject('output'), '2022', 'kamerbrief.pdf'));
  });

  it('signs as the real letter does (the seed\'s last lines are these functions and names)', () => {
    const seed = readFileSync(join(ROOT, 'tests', 'fixtures', 'seeds', 'kamerbrief-2022-pdftext.txt'), 'utf8');
    const lines = seed.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines.slice(-4)).toEqual(SIGNATORIES_2022.flatMap((s) => [s.functie, s.naam]));
  });

  for (const { functie, naam } of SIGNATORIES_2022) {
    it(`puts ${naam} 18–25 mm below "${functie}", under it, on the last page`, () => {
      const last = pages[pages.length - 1]!;
      const f = last.runs.filter((r) => r.str.trim() === functie);
      const n = last.runs.filter((r) => r.str.trim() === naam);
      expect(f, `"${functie}" on page ${last.number}`).toHaveLength(1);
      expect(n, `"${naam}" on page ${last.number}`).toHaveLength(1);
      const mm = (n[0]!.top - f[0]!.top) / MM;
      expect(mm, `function to name: ${mm.toFixed(2)} mm`).toBeGreaterThanOrEqual(18);
      expect(mm, `function to name: ${mm.toFixed(2)} mm`).toBeLessThanOrEqual(25);
      expect(Math.abs(n[0]!.x - f[0]!.x), 'the name starts under its function').toBeLessThanOrEqual(0.5);
    });
  }
});

describe('the 2023 beslisnota: no signature block', () => {
  it('has no ondertekening to measure (a beslisnota is initialled in its paraafblok; its layout prints no signatories)', () => {
    // Should a beslisnota get a signature block, its room to sign is to be measured here as the letter's is.
    expect(readFileSync(join(ROOT, 'content', '2023', 'beslisnota.yaml'), 'utf8')).not.toMatch(/^ondertekening:/m);
    expect(readFileSync(join(ROOT, 'templates', 'beslisnota', 'beslisnota.hbs'), 'utf8')).not.toContain('ondertekening');
  });
});
