import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, scratchCopy, voortgang } from './helpers/cli.js';

// `voortgang new 2024 --from 2022` on the real 2022 letter and its bijlage. The issue counted the old checklist:
// 341 lines, 321 year references, one line each. Grouped per file, the facts first, it is a page.
const YEAR = /\b(?:19|20)\d{2}\b/g;
let out: string;

beforeAll(() => {
  const dir = scratchCopy();
  const r = voortgang(['new', '2024', '--from', '2022', '--content', 'content'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  out = r.stdout;
});

/** The section files of 2022 that name a year, as `new` prints them (in content/2024/). */
function sectionFiles(): string[] {
  const base = join(ROOT, 'content', '2022');
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'data')
    .flatMap((d) => readdirSync(join(base, d.name)).filter((f) => f.endsWith('.md')).map((f) => `${d.name}/${f}`))
    .filter((f) => /\b(?:19|20)\d{2}\b/.test(printed(readFileSync(join(base, f), 'utf8'))))
    .sort();
}

/** A line without what is not printed as written: footnote labels (`[^kamerstukken-2022-23]`) and link targets. */
function printed(line: string): string {
  return line.replace(/\[\^[^\]]+\]/g, '').replace(/\]\([^)]*\)/g, ']');
}

/**
 * The years of one section counted from its raw text, line by line (not through the Markdown parser `new`
 * uses): what the group of that file must say. For files whose years are all in prose or table/chart blocks.
 */
function countedByHand(file: string): string[] {
  const lines = readFileSync(join(ROOT, 'content', '2022', file), 'utf8').split('\n');
  const byYear = new Map<string, { count: number; lines: string[] }>();
  let block: string | undefined;
  lines.forEach((text, k) => {
    const fence = /^```(\w*)/.exec(text);
    if (fence) {
      block = block === undefined ? fence[1] : undefined;
      return;
    }
    for (const m of printed(text).matchAll(YEAR)) {
      const y = byYear.get(m[0]) ?? { count: 0, lines: [] };
      y.count++;
      const place = block ? `${k + 1} (${block})` : String(k + 1);
      if (!y.lines.includes(place)) y.lines.push(place);
      byYear.set(m[0], y);
    }
  });
  return [...byYear].sort(([a], [b]) => Number(b) - Number(a)).map(([year, y]) => `  ${y.count} × ${year} at ${y.lines.length === 1 ? 'line' : 'lines'} ${y.lines.join(', ')}`);
}

describe('the checklist of voortgang new, grouped per file with the facts first', () => {
  it('the facts come first: what to fill in, the facts that name a year, the data files; then the text', () => {
    const order = ['\nFill in:\n', '\nFacts that name a year, to check:\n', '\nData files, to extend with the figures of the new period:\n', '\nYears named in the text, to check ('].map((h) => out.indexOf(h));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).toContain('\nFill in:\n  content/2024/actieprogramma.yaml:5: datum — its date, YYYY-MM-DD\n  content/2024/kamerbrief.yaml:5: kenmerk — the kenmerk of the new document\n  content/2024/kamerbrief.yaml:6: datum — its date, YYYY-MM-DD\n');
    // Each line named is the line of that fact in the new year's file.
    const yaml = readFileSync(join(ROOT, 'content', '2022', 'kamerbrief.yaml'), 'utf8').split('\n');
    expect(yaml[4]).toMatch(/^kenmerk:/);
    expect(yaml[5]).toMatch(/^datum:/);
    expect(out).toContain(`\nFacts that name a year, to check:\n  content/2024/actieprogramma.yaml:6: onderwerp: Actieprogramma Taskforce Overvallen 2022-2026\n  content/2024/kamerbrief.yaml:7: ${yaml[6]}\n`);
  });

  it('every section that names a year is a header once, and every year reference is counted (321, as the issue counted)', () => {
    const files = sectionFiles();
    expect(out).toContain(`\nYears named in the text, to check (321 in ${files.length} files):\n`);
    const headers = out.split('\n').filter((l) => /^content\/2024\/\S+\.md$/.test(l));
    expect(headers).toEqual(files.map((f) => `content/2024/${f}`));
    const counted = out.split('\n').flatMap((l) => (/^ {2}(\d+) × \d{4} at /.exec(l) ? [Number(/^ {2}(\d+)/.exec(l)![1])] : []));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(321);
  });

  it("a file's references are collapsed per year, with every line it is named on", () => {
    for (const file of ['kamerbrief/02-ontwikkeling-hic.md', 'kamerbrief/07-beleidsreactie-wodc.md', 'kamerbrief/01-inleiding.md']) {
      const start = out.indexOf(`\ncontent/2024/${file}\n`);
      expect(start).toBeGreaterThan(0);
      const group = out.slice(start + 1).split('\n').slice(1);
      const lines = group.slice(0, group.findIndex((l) => !l.startsWith('  ')));
      expect(lines).toEqual(countedByHand(file));
    }
  });

  it('is less than half as long as the old one (341 lines)', () => {
    expect(out.split('\n').length).toBeLessThan(341 / 2);
  });
});
