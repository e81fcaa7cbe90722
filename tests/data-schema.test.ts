import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchCopy, voortgang } from './helpers/cli.js';

/**
 * A broken data file stops the build with `file:line:column: message`, at the figure or field that is wrong,
 * with what to do about it. Each case breaks one real data file of content/2022/data in one place.
 */
const cases: Array<{ name: string; file: string; from: string; to: string; error: string }> = [
  {
    name: 'a figure that is not a number',
    file: 'hic.yaml',
    from: '2021: 676 }',
    to: '2021: "676 (voorlopig)" }',
    error: 'content/2022/data/hic.yaml:10:140: reeksen.overvallen.aantal.2021: expected a number',
  },
  {
    name: 'a figure in Dutch notation, as text',
    file: 'hic.yaml',
    from: '2012: 8050,',
    to: '2012: "8.050",',
    error: 'content/2022/data/hic.yaml:13:33: reeksen.straatroven.aantal.2012: expected a number; write 8.050 as 8050 (a decimal point, no thousands separator, no %)',
  },
  {
    name: 'a thousands separator that YAML reads as a decimal point',
    file: 'hic.yaml',
    from: '2011: 2272,',
    to: '2011: 2.272,',
    error: 'content/2022/data/hic.yaml:10:21: reeksen.overvallen.aantal.2011: 2.272 reads as the decimal number 2.272 — write thousands without a separator: 2272',
  },
  {
    name: 'a decimal comma inside { }',
    file: 'opheldering.yaml',
    from: '2021: 62.57',
    to: '2021: 62,57',
    error: 'content/2022/data/opheldering.yaml:12:52: reeksen.overvallen.realisatie.57: "57" is not a year — a decimal comma splits a figure in two: write 62.57, not 62,57',
  },
  {
    name: 'a missing field',
    file: 'hic.yaml',
    from: 'bron: Jaarverslagen politie 2010 t/m 2021; www.data.politie.nl\n',
    to: '',
    error: 'content/2022/data/hic.yaml:2:1: bron: is required — add it to this file',
  },
  {
    name: 'a year out of order',
    file: 'hic.yaml',
    from: '2015: 64560, 2016: 55470,',
    to: '2016: 55470, 2015: 64560,',
    error: 'content/2022/data/hic.yaml:16:80: reeksen.woninginbraken.aantal.2015: year out of order — 2015 comes after 2016; write the years in increasing order',
  },
  {
    name: 'a key that is not a year',
    file: 'hic.yaml',
    from: '2021: 65849 }',
    to: '2021: 65849, 221: 1 }',
    error: 'content/2022/data/hic.yaml:19:158: reeksen.geweld.aantal.221: "221" is not a year — figures are listed per year, e.g. { 2020: 907, 2021: 676 }',
  },
  {
    name: 'an unknown field',
    file: 'hic.yaml',
    from: 'eenheid: aantal\n',
    to: 'eenheid: aantal\nbronnen: politie\n',
    error: 'content/2022/data/hic.yaml:5:1: bronnen: unknown field — check the spelling; the fields allowed here are in the JSON Schema named at the top of the file',
  },
  {
    name: 'a unit that does not exist',
    file: 'ambities.yaml',
    from: '{ label: Aantal, eenheid: aantal }',
    to: '{ label: Aantal, eenheid: stuks }',
    error: 'content/2022/data/ambities.yaml:10:37: maten.aantal.eenheid: expected "aantal" or "procent"',
  },
  {
    name: 'a measure the data set does not declare',
    file: 'opheldering.yaml',
    from: '    realisatie: { 2019: 29.2',
    to: '    realisatei: { 2019: 29.2',
    error: 'content/2022/data/opheldering.yaml:16:5: reeksen.straatroven.realisatei: measure "realisatei" is not declared in maten (doel, realisatie) — fix the spelling or declare it under maten',
  },
];

describe('schema errors in data files, at their file, line and column', () => {
  for (const c of cases) {
    it(c.name, () => {
      const dir = scratchCopy(['content']);
      const file = join(dir, 'content', '2022', 'data', c.file);
      const text = readFileSync(file, 'utf8');
      if (!text.includes(c.from)) throw new Error(`fixture edit does not apply to ${c.file}: ${c.from}`);
      writeFileSync(file, text.replace(c.from, c.to));
      const r = voortgang(['build', '2022', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
      expect(r.status).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe(c.error);
    });
  }
});
