import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterAlone, ROOT, voortgang } from './helpers/cli.js';

/**
 * A series is looked up by its name among the data set's own series, in every place that names one: a
 * {{data.reeks.jaar}} reference, a ```tabel block (reeksen, reeks, <set>.<reeks>, rijen: reeksen) and a
 * ```grafiek block. A name every JavaScript object answers to — constructor, toString, __proto__ — is no series:
 * the build stops at the reference or block with the series that exist. (Before, the blocks took such a name
 * for a series and failed later with a message about years or dashes, or not at all.)
 */

// The series of content/2022/data/hic.yaml, in the order written there.
const HIC_SERIES = 'overvallen, straatroven, woninginbraken, geweld';
const SECTION = join('content', '2030', 'brief', '01-tekst.md');

/** A year 2030 with one letter whose one section is `text`, and the data set hic of 2022. */
function yearWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'voortgang-series-'));
  cpSync(join(ROOT, 'content', 'afzenders'), join(dir, 'content', 'afzenders'), { recursive: true });
  mkdirSync(join(dir, 'content', '2030', 'brief'), { recursive: true });
  mkdirSync(join(dir, 'content', '2030', 'data'));
  cpSync(join(ROOT, 'content', '2022', 'data', 'hic.yaml'), join(dir, 'content', '2030', 'data', 'hic.yaml'));
  writeFileSync(join(dir, 'content', '2030', 'brief.yaml'), letterAlone(readFileSync(join(ROOT, 'content', '2022', 'kamerbrief.yaml'), 'utf8')).replace(/^bijlagen: 2$/m, 'bijlagen: 0'));
  writeFileSync(join(dir, SECTION), text);
  return dir;
}

const build = (dir: string) => voortgang(['build', '2030', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });

const NAMES = ['constructor', 'toString', '__proto__'];
const INTRO = '## Cijfers\n\n';

/** Each place that names a series: the section's text with `name` in it, and where and what the error says. */
const places = (name: string) => {
  // In Markdown text, __proto__ would be strong emphasis: a writer escapes the underscores.
  const written = name.replace(/_/g, '\\_');
  return [
    { place: '{{data.reeks.jaar}}', text: `${INTRO}Er waren {{hic.${written}.2021}} overvallen.\n`, at: '3:10', message: `{{hic.${name}.2021}}: "hic" has no series "${name}" — it has: ${HIC_SERIES}` },
    { place: '{{data.reeks.maat.jaar}}', text: `${INTRO}Er waren {{hic.${written}.aantal.2021}} overvallen.\n`, at: '3:10', message: `{{hic.${name}.aantal.2021}}: "hic" has no series "${name}" — it has: ${HIC_SERIES}` },
    { place: '{{…afname…}}', text: `${INTRO}Een daling van {{hic.${written}.afname.2012-2021}}.\n`, at: '3:16', message: `{{hic.${name}.afname.2012-2021}}: "hic" has no series "${name}" — it has: ${HIC_SERIES}` },
    { place: 'tabel reeksen', text: `${INTRO}\`\`\`tabel\ndata: hic\njaren: 2011-2021\nreeksen: [overvallen, ${name}]\n\`\`\`\n`, at: '3:1', message: `tabel: data set "hic" has no series "${name}" — it has: ${HIC_SERIES}` },
    { place: 'tabel reeksen <set>.<reeks>', text: `${INTRO}\`\`\`tabel\ndata: hic\nreeksen: [hic.${name}]\n\`\`\`\n`, at: '3:1', message: `tabel: data set "hic" has no series "${name}" — it has: ${HIC_SERIES}` },
    { place: 'tabel reeks', text: `${INTRO}\`\`\`tabel\ndata: hic\nreeks: ${name}\n\`\`\`\n`, at: '3:1', message: `tabel: data set "hic" has no series "${name}" — it has: ${HIC_SERIES}` },
    { place: 'tabel rijen: reeksen', text: `${INTRO}\`\`\`tabel\ndata: hic\nrijen: reeksen\nreeksen: [${name}]\nkolommen: [aantal 2021]\n\`\`\`\n`, at: '3:1', message: `tabel: data set "hic" has no series "${name}" — it has: ${HIC_SERIES}` },
    { place: 'grafiek reeksen', text: `${INTRO}\`\`\`grafiek\ndata: hic\nreeksen: [${name}, overvallen]\njaren: 2011-2021\ntitel: Ontwikkeling\n\`\`\`\n`, at: '3:1', message: `grafiek: data set "hic" has no series "${name}" — it has: ${HIC_SERIES}` },
  ];
};

describe('a series named like a property of every object is no series, wherever it is named', () => {
  for (const name of NAMES) {
    for (const c of places(name)) {
      it.concurrent(`${c.place}: ${name}`, () => {
        const r = build(yearWith(c.text));
        expect(r.stderr).toContain(`${SECTION}:${c.at}: ${c.message}\n`);
        expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
        expect(r.status).toBe(1);
      });
    }
  }

  it.concurrent('the same year with the series named right builds: the cases fail only at the name', () => {
    const r = build(yearWith(`${INTRO}Er waren {{hic.overvallen.2021}} overvallen.\n\n\`\`\`tabel\ndata: hic\nreeks: overvallen\njaren: 2020-2021\n\`\`\`\n\n\`\`\`grafiek\ndata: hic\nreeksen: [overvallen]\njaren: 2011-2021\ntitel: Ontwikkeling\n\`\`\`\n`));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.concurrent('__proto__ written unescaped in the text is emphasis, which splits the reference: an error at its braces', () => {
    const r = build(yearWith(`${INTRO}Er waren {{hic.__proto__.2021}} overvallen.\n`));
    expect(r.stderr).toMatch(new RegExp(`^${SECTION.replace(/[./]/g, '\\$&')}:3:10: "\\{\\{" without its other half`, 'm'));
    expect(r.status).toBe(1);
  });
});
