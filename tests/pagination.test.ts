import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { letterAlone, scratchCopy, voortgang } from './helpers/cli.js';
import { readLetter, type LetterPage } from './helpers/pdf-text.js';

/**
 * A synthetic letter that stresses the page-filling pass: 140 footnotes of 1 to 14 lines, calls at every place
 * in a paragraph, paragraphs of 1 to 25 lines, headings, lists and a long table. Generated from a fixed seed.
 */
function stressLetter(dir: string): void {
  let seed = 20221214;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const vocabulary = 'de het een aanpak van high impact crimes overvallen straatroven preventie daderschap slachtofferschap gemeenten politie interventies onderzoek Kamer ministerie samenwerking maatregelen effectief jongeren wijken'.split(' ');
  const sentence = (n: number) => Array.from({ length: n }, () => pick(vocabulary)).join(' ');
  const lines: string[] = [];
  const notes: string[] = [];
  let note = 0;
  for (let section = 1; section <= 14; section++) {
    lines.push(`## ${section}. ${sentence(3)}`, '');
    for (let p = 0; p < 4; p++) {
      if (rnd() < 0.25) lines.push(`### *${sentence(4)}*`, '');
      const words = 8 + Math.floor(rnd() * 240);
      const parts: string[] = [];
      for (let w = 0; w < words; w += 12) {
        parts.push(sentence(12));
        if (rnd() < 0.2) {
          note++;
          parts[parts.length - 1] += `[^n${note}]`;
          notes.push(`[^n${note}]: ${sentence(6 + Math.floor(rnd() * (rnd() < 0.15 ? 160 : 30)))}.`);
        }
      }
      lines.push(`${parts.join('. ')}.`, '');
      if (rnd() < 0.15) lines.push(...Array.from({ length: 3 + Math.floor(rnd() * 5) }, () => `- ${sentence(10 + Math.floor(rnd() * 30))}`), '');
    }
    if (section === 5) lines.push('```tabel', 'data: lang', '```', '');
  }
  const year = join(dir, 'content', '2099');
  mkdirSync(join(year, 'kamerbrief'), { recursive: true });
  mkdirSync(join(year, 'data'), { recursive: true });
  writeFileSync(join(year, 'kamerbrief', '01-tekst.md'), `${lines.join('\n')}\n${notes.join('\n\n')}\n`);
  writeFileSync(join(year, 'kamerbrief.yaml'), letterAlone(readFileSync(join(dir, 'content', '2022', 'kamerbrief.yaml'), 'utf8')).replace('kenmerk: "4355467"', 'kenmerk: "9999999"'));
  const years = Array.from({ length: 60 }, (_, i) => 1960 + i);
  writeFileSync(
    join(year, 'data', 'lang.yaml'),
    `titel: Lang\nbron: test\neenheid: aantal\nmaten: { aantal: Aantal }\nreeksen:\n  a:\n    label: A\n    aantal: { ${years.map((y) => `${y}: ${y * 7}`).join(', ')} }\n`,
  );
  expect(note).toBeGreaterThan(100);
}

let pages: LetterPage[];
let result: ReturnType<typeof voortgang>;
let html: string;

beforeAll(async () => {
  const dir = scratchCopy(['content']);
  stressLetter(dir);
  result = voortgang(['build', '2099', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
  if (result.status === 0) pages = await readLetter(join(dir, 'output', '2099', 'kamerbrief.pdf'));
  if (result.status === 0) html = readFileSync(join(dir, 'output', '2099', 'kamerbrief.html'), 'utf8');
});

describe('the page-filling pass on a stress letter', () => {
  it('builds', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('puts every footnote on the page of its call', () => {
    const callPage = new Map<string, number>();
    const notePage = new Map<string, number>();
    for (const page of pages) {
      for (const c of page.calls) if (!callPage.has(c)) callPage.set(c, page.number);
      for (const n of page.noteNumbers) notePage.set(n, page.number);
    }
    expect(notePage.size).toBeGreaterThan(100);
    expect(notePage.size).toBe(callPage.size);
    for (const [n, page] of callPage) expect(notePage.get(n), `footnote ${n}`).toBe(page);
  });

  it('repeats the table header on every page the table spans, and numbers the pages', () => {
    const withTable = pages.filter((p) => /\b(19[6-9]\d|20[01]\d) \d/.test(p.body));
    expect(withTable.length).toBeGreaterThan(1);
    for (const p of withTable) expect(p.body).toMatch(/Jaar A/);
    for (const p of pages) expect(p.footer).toBe(`Pagina ${p.number} van ${pages.length}`);
  });

  it('continues a note too long for its page at the top of the next page, after its own first part', () => {
    // Each page's footnotes as printed: [note number, continued?] in order.
    const notesOf = html.split('data-pagina="').slice(1).map((page) => {
      const box = page.slice(page.indexOf('class="pagina-voetnoten"'));
      return [...box.matchAll(/<div class="noot( vervolg)?"[^>]*data-noot="(\d+)"/g)].map((m) => [Number(m[2]), m[1] !== undefined] as const);
    });
    const continued = notesOf.flatMap((notes, i) => notes.filter(([, c]) => c).map(([n]) => ({ n, page: i + 1, first: notes[0]![0] === n && notes[0]![1] })));
    expect(continued.length, 'the stress letter has notes that continue').toBeGreaterThan(0);
    for (const c of continued) {
      expect(c.first, `note ${c.n} continues first on page ${c.page}`).toBe(true);
      const before = notesOf[c.page - 2]!;
      expect(before[before.length - 1], `note ${c.n} starts as the last note of page ${c.page - 1}`).toEqual([c.n, false]);
    }
  });
});
