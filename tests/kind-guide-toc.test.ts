import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, voortgang } from './helpers/cli.js';
import { guideBlocks } from './helpers/readme-guide.js';
import { readPdfText, type TextRun } from './helpers/pdf-text.js';

/**
 * The house style for a table of contents (templates/bijlage/bijlage.css, the actieprogramma's TOC): an entry
 * whose heading wraps has its page number on its last line, next to where the heading ends. A kind written from
 * the README's guide ("Adding a kind of document") is held to the same rule: its files are written from the
 * guide's own code blocks, with a chapter heading long enough to wrap in the 137.5 mm text column.
 */
/** The guide's code blocks that name a path on the line before them, with their text. */
const guideFiles = () => guideBlocks().flatMap((b) => (b.path ? [{ path: b.path, text: b.text }] : []));

// A chapter heading of 123 characters: at 9 pt in a 137.5 mm column it takes two or three lines.
const LONG = 'Resultaten van de evaluatie van de aanpak van overvallen, straatroven en ram- en plofkraken in de jaren 2026 tot en met 2029';
const MM = 72 / 25.4;

describe("a kind written from the README's guide: its table of contents", () => {
  let toc: TextRun[];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-guide-toc-'));
    cpSync(join(ROOT, 'content', 'afzenders'), join(dir, 'content', 'afzenders'), { recursive: true });
    cpSync(join(ROOT, 'templates'), join(dir, 'mijn-sjablonen'), { recursive: true });
    const files = guideFiles();
    expect(files.map((f) => f.path)).toContain('content/2030/rapport/02-resultaten.md');
    for (const f of files) {
      mkdirSync(join(dir, dirname(f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.path.endsWith('02-resultaten.md') ? f.text.replace(/^## .*$/m, `## ${LONG}`) : f.text);
    }
    const r = voortgang(['build', '2030', '--templates', 'mijn-sjablonen'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const pages = await readPdfText(join(dir, 'output', '2030', 'rapport.pdf'));
    // Page 2 is the contents (the title page is page 1); the text column ends left of the margin column (161 mm).
    toc = pages[1]!.runs.filter((r) => r.x < 160 * MM);
  });

  it('puts the page number of a wrapped entry on its last line, where the heading ends', () => {
    // The heading starts on page 4 (title page, contents, chapter 1, chapter 2: each chapter starts a page).
    const number = toc.filter((r) => r.str.trim() === '4');
    expect(number, 'one page number 4 in the contents').toHaveLength(1);
    const first = toc.find((r) => r.str.includes('Resultaten'))!;
    const last = toc.find((r) => r.str.includes('2029'))!;
    expect(last.top - first.top, 'the heading wraps').toBeGreaterThan(5);
    expect(Math.abs(number[0]!.top - last.top), `page number at ${number[0]!.top.toFixed(1)} pt, the heading's last line at ${last.top.toFixed(1)} pt`).toBeLessThanOrEqual(2);
  });
});
