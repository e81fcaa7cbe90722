import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdfText } from './helpers/pdf-text.js';
import { ROOT, voortgang } from './helpers/cli.js';

/**
 * A layout is data: a fourth kind of document is a new folder under a templates folder — a descriptor, a
 * template and a stylesheet — and no code. The fixture folder (tests/fixtures/soort-memo/templates/memo) is
 * copied beside voortgang's own kinds; the build validates the memo's facts against its descriptor, prints
 * both of its versions and numbers its headings as the descriptor says.
 */
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'soort-memo');

function withMemoKind() {
  const dir = mkdtempSync(join(tmpdir(), 'voortgang-kind-'));
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  cpSync(join(FIXTURE, 'templates', 'memo'), join(dir, 'templates', 'memo'), { recursive: true });
  cpSync(join(FIXTURE, 'content'), join(dir, 'content'), { recursive: true });
  return dir;
}

const text = async (file: string) => (await readPdfText(file)).map((p) => p.runs.map((r) => r.str).join(' ')).join('\n');

describe('a fourth kind of document, made with a folder and no code', () => {
  it('is only files of a templates folder: a descriptor, a template, a stylesheet', () => {
    expect(readdirSync(join(FIXTURE, 'templates', 'memo')).sort()).toEqual(['layout.yaml', 'memo.css', 'memo.hbs']);
  });

  it('builds in both versions its descriptor lists, with its facts, its numbering and its own page geometry', async () => {
    const dir = withMemoKind();
    const out = join(dir, 'output');
    const r = voortgang(['build', '2030', '--content', join(dir, 'content'), '--templates', join(dir, 'templates'), '--output', out], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(join(out, '2030')).filter((f) => f.endsWith('.pdf')).sort()).toEqual(['memo-kort.pdf', 'memo.pdf']);
    const full = await text(join(out, '2030', 'memo.pdf'));
    expect(full).toContain('Voor: De directeur; Het MT');
    expect(full).toContain('4 maart 2030 — behandelaar A. Jansen'); // intern: in the internal version
    expect(full).toContain('1. Planning');
    expect(full).toContain('2. Vervolg');
    expect(full).toContain('3. Intern');
    expect(full).toContain('Memo, pagina 1 van 1');
    const kort = await text(join(out, '2030', 'memo-kort.pdf'));
    expect(kort).not.toContain('A. Jansen'); // personal data: never in the public version
    expect(kort).not.toContain('Alleen voor intern gebruik'); // omvang: openbaar ends at the streep
    expect(kort).toContain('2. Vervolg');
    // The descriptor's text column: 30 mm from the left edge (in PDF points).
    const runs = (await readPdfText(join(out, '2030', 'memo.pdf')))[0]!.runs;
    expect(Math.min(...runs.map((x) => x.x))).toBeCloseTo((30 * 72) / 25.4, 0);
  });

  it('validates a memo against its own facts: a missing fact is an error at its file, naming the field', () => {
    const dir = withMemoKind();
    const file = join(dir, 'content', '2030', 'memo.yaml');
    cpSync(file, `${file}.orig`);
    const broken = readFileSync(file, 'utf8').replace(/voor:\n  - De directeur\n  - Het MT\n/, '');
    writeFileSync(file, broken);
    const r = voortgang(['build', '2030', '--content', join(dir, 'content'), '--templates', join(dir, 'templates'), '--output', join(dir, 'output')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/content\/2030\/memo\.yaml:1:1: voor: is required/);
    expect(existsSync(join(dir, 'output', '2030', 'memo.pdf'))).toBe(false);
  });
});
