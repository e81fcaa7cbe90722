import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchCopy, voortgang } from './helpers/cli.js';
import { readLetter, type LetterPage } from './helpers/pdf-text.js';

/** Numbers in prose come from the data files: `{{hic.overvallen.2021}}`. */
const SENTENCE = 'In 2021 waren er {{hic.overvallen.2021}} overvallen en {{ hic.woninginbraken.2011 }} woninginbraken in 2011; de opheldering van overvallen was {{opheldering.overvallen.realisatie.2021}} tegen een doel van {{opheldering.overvallen.doel.2019}}.';

function withSentence(sentence: string): { dir: string; file: string } {
  const dir = scratchCopy(['content']);
  const file = join(dir, 'content', '2022', 'kamerbrief', '08-tot-slot.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('## Tot slot\n\n', `## Tot slot\n\n${sentence}\n\n`));
  return { dir, file };
}

const build = (dir: string) => voortgang(['build', '2022', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });

describe('numbers in prose bound to data', () => {
  let pages: LetterPage[];
  let dir: string;
  beforeAll(async () => {
    dir = withSentence(SENTENCE).dir;
    // Edit one figure in the data: prose and table must both follow.
    const hic = join(dir, 'content', '2022', 'data', 'hic.yaml');
    writeFileSync(hic, readFileSync(hic, 'utf8').replace('2021: 676', '2021: 1676'));
    const r = build(dir);
    expect(r.stderr).toBe('');
    pages = await readLetter(join(dir, 'output', '2022', 'kamerbrief.pdf'));
  });

  it('prints the values in Dutch format, where they are written', () => {
    const body = pages.map((p) => p.body).join(' ');
    expect(body).toContain('In 2021 waren er 1.676 overvallen en 88.960 woninginbraken in 2011; de opheldering van overvallen was 62,57% tegen een doel van 51%.');
  });

  it('follows an edited figure in the table, its computed row and the prose alike', () => {
    const body = pages.map((p) => p.body).join(' ');
    expect(body).toContain('2021 1.676 2.321 23.452 65.849');
    expect(body).toMatch(/Procentuele ontwikkeling( 2011-2021)? -26% -72% -74% -33%/);
  });
});

describe('a reference that does not resolve stops the build at its file, line and column', () => {
  const cases = [
    { ref: 'In {{hic.overvalen.2021}} iets.', message: '{{hic.overvalen.2021}}: "hic" has no series "overvalen" — it has: overvallen, straatroven, woninginbraken, geweld', column: 4 },
    { ref: 'Er waren {{hic.overvallen.2031}} overvallen.', message: '{{hic.overvallen.2031}}: "hic.overvallen" has no aantal for 2031 — it has 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021', column: 10 },
    { ref: 'Het was {{opheldering.overvallen.2021}}.', message: '{{opheldering.overvallen.2021}}: "opheldering" has the measures doel, realisatie: name one, e.g. {{opheldering.overvallen.doel.2021}}', column: 9 },
    { ref: 'Zie {{cijfers.overvallen.2021}}.', message: '{{cijfers.overvallen.2021}}: no data file "cijfers" — the data files of this year are: ambities, hic, opheldering-politie, opheldering, plofkraken', column: 5 },
  ];
  for (const c of cases) {
    it(c.message.slice(0, 60), () => {
      const { dir } = withSentence(c.ref);
      const r = build(dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`08-tot-slot.md:3:${c.column}: ${c.message}`);
    });
  }
});
