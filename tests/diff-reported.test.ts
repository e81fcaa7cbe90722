import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffOutputOf, voortgang } from './helpers/cli.js';
import { edit, twoRevisions } from './helpers/revisions.js';
import { readLetter } from './helpers/pdf-text.js';

/**
 * What the redline reports, and how it says it, for revisions a reviewer makes of the real 2022 letter, its
 * bijlage and the 2023 beslisnota: only the figures a document prints, a renamed heading as one change, a
 * paragraph split or joined as no word changed, every changed fact counted (and whether the public version
 * prints it), a list's changed item on its own; footnote calls and table changes written as a reader reads them.
 */
const scratch = () => twoRevisions('reported');
const diff = (dir: string, year: string, ...args: string[]) => voortgang(['diff', year, '--from', 'a', '--to', 'b', ...args, '--output', join(dir, 'out')], { cwd: dir });
const marks = (text: string) => text.match(/\[-.*?-\]|\{\+.*?\+\}/g) ?? [];
const lineOf = (file: string, start: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith(start)) + 1;
const slachtofferschap = (dir: string, side: 'a' | 'b') => join(dir, side, '2022', 'kamerbrief', '06-slachtofferschap.md');
/** The change list's rows in the redline's HTML: the cells of each row of table.diff-wijzigingen (markup kept). */
const rows = (html: string) => [...(/<table class="diff-wijzigingen[^"]*">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1]!));

describe('a document reports only the figures it prints', () => {
  it('a year added to opheldering-politie.yaml: the bijlage, whose table prints it, reports it; the Kamerbrief, which prints nothing of it, does not', async () => {
    const dir = scratch();
    const data = join(dir, 'b', '2022', 'data', 'opheldering-politie.yaml');
    edit(data, '2021: 62.57 }', '2021: 62.57, 2022: 60.1 }');
    edit(data, '2021: 38.56 }', '2021: 38.56, 2022: 40.2 }');
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const brief = diffOutputOf(r.stdout, 'kamerbrief');
    expect(brief).toMatch(/^kamerbrief: a → b\nno changes\n\S+kamerbrief\.diff\.pdf: \d+ pages\n$/);
    expect((await readLetter(join(dir, 'out', '2022', 'kamerbrief.diff.pdf')))[0]!.body).toContain('Geen wijzigingen: b is gelijk aan a');
    const bijlage = diffOutputOf(r.stdout, 'actieprogramma');
    // The table's new row (labels and unit as in the data file: "Overvallen", "Straatroof", percent), and both figures.
    expect(bijlage).toContain('\n{+2022: Overvallen 60,1%, Straatroof 40,2%+}\n');
    expect(bijlage).toContain('\nopheldering-politie: Overvallen, Ophelderingspercentage 2022: [-–-]{+60,1%+}\nopheldering-politie: Straatroof, Ophelderingspercentage 2022: [-–-]{+40,2%+}\n');
  });

  it('a figure of 2011, printed by the Kamerbrief (its table runs 2011-2021) and not by the bijlage (2012-2021), is reported by the Kamerbrief only', () => {
    const dir = scratch();
    edit(join(dir, 'b', '2022', 'data', 'hic.yaml'), '{ 2011: 2272,', '{ 2011: 2300,');
    const r = diff(dir, '2022');
    expect(r.status).toBe(0);
    expect(diffOutputOf(r.stdout, 'actieprogramma')).toMatch(/^actieprogramma: a → b\n {2}no changes\n/);
    expect(diffOutputOf(r.stdout, 'kamerbrief')).toContain('\n  hic: Overvallen, Aantal 2011: 2.272 → 2.300\n');
  });
});

describe('a chart whose figures change between its first and last year', () => {
  it('is a change (its text alternative names only the first and last figures): counted, listed, the old chart beside the new', async () => {
    const dir = scratch();
    // The bijlage's recidive chart (2008-2017) gets a figure for 2012; the Kamerbrief prints nothing of it.
    edit(join(dir, 'b', '2022', 'data', 'recidive.yaml'), '{ 2008: 45.9, 2017: 37.6 }', '{ 2008: 45.9, 2012: 40.2, 2017: 37.6 }');
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.status).toBe(0);
    const bijlage = diffOutputOf(r.stdout, 'actieprogramma');
    expect(bijlage).toMatch(/\nb\/2022\/actieprogramma\/02-ontwikkelingen\.md:\d+ cijfer\nGrafiek gewijzigd: andere cijfers tussen het eerste en het laatste jaar \(zie Gewijzigde gegevens\)\.\n/);
    expect(bijlage).toContain('\nrecidive: Overvallers, Tweejarige algemene recidive 2012: [-–-]{+40,2%+}\n');
    expect(diffOutputOf(r.stdout, 'kamerbrief')).toMatch(/^kamerbrief: a → b\nno changes\n/);
    // (The bijlage opens with its cover: the change list follows it.)
    const text = (await readLetter(join(dir, 'out', '2022', 'actieprogramma.diff.pdf'))).map((p) => p.body).join(' ');
    expect(text).toContain('Van a naar b: 1 wijziging.');
    expect(readFileSync(join(dir, 'out', '2022', 'actieprogramma.diff.html'), 'utf8')).toContain('<div class="diff-grafiek-oud">');
  });
});

describe('a heading renamed', () => {
  it('is one change, gewijzigd, with only its changed words marked: not its unchanged number', async () => {
    const dir = scratch();
    const file = slachtofferschap(dir, 'b');
    edit(file, '### 3.1 Publieksvoorlichting\n', '### 3.1 Voorlichting aan het publiek\n');
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.status).toBe(0);
    const line = lineOf(file, '### 3.1 Voorlichting aan het publiek');
    expect(diffOutputOf(r.stdout, 'kamerbrief')).toContain(`\n## 3.1 Voorlichting aan het publiek\nb/2022/kamerbrief/06-slachtofferschap.md:${line} gewijzigd\n3.1 [-Publieksvoorlichting-]{+Voorlichting aan het publiek+}\n`);
    expect(marks(r.stdout)).toEqual(['[-Publieksvoorlichting-]', '{+Voorlichting aan het publiek+}']);
    const first = (await readLetter(join(dir, 'out', '2022', 'kamerbrief.diff.pdf')))[0]!.body;
    expect(first).toContain('Van a naar b: 1 wijziging.');
  });
});

describe('a paragraph split in two, or two joined, with the same words', () => {
  // The paragraph of 3.1 about senioren & veiligheid, split before its sentence "Daarnaast zijn er …".
  const split = (file: string) => edit(file, ' Daarnaast zijn er door verschillende partners', '\n\nDaarnaast zijn er door verschillende partners');

  it('split: one change "gesplitst" at the paragraph, no word marked, only the paragraph mark ¶ inserted', () => {
    const dir = scratch();
    split(slachtofferschap(dir, 'b'));
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.status).toBe(0);
    const line = lineOf(slachtofferschap(dir, 'b'), 'Mede op verzoek van uw Kamer');
    expect(r.stdout).toContain(`\n## 3.1 Publieksvoorlichting\nb/2022/kamerbrief/06-slachtofferschap.md:${line} gesplitst\n`);
    expect(r.stdout).toContain('senioren & veiligheid.^43 {+¶+} Daarnaast zijn er door verschillende partners');
    expect(marks(r.stdout)).toEqual(['{+¶+}']);
    expect(diff(dir, '2022').stdout).toMatch(/^ {2}3\.1 Publieksvoorlichting +\+0 -0 words$/m);
    // In the change list: the end of one paragraph, the mark, the start of the next; the footnote call as the
    // reader sees it, a superscript 43 (note 43 of the real letter: "Tijd voor MAX op 5 april jl.").
    const list = rows(readFileSync(join(dir, 'out', '2022', 'kamerbrief.diff.html'), 'utf8'));
    expect(list.map((c) => c.slice(1))).toEqual([['<a href="#wijziging-1">3.1 Publieksvoorlichting</a>', 'gesplitst', '… maand senioren &amp; veiligheid.<sup>43</sup> <ins>¶</ins> Daarnaast zijn er door verschillende partners weer fysieke bijeenkomsten georganiseerd voor de doelgroep. …']]);
  });

  it('joined: one change "samengevoegd", no word marked, only the paragraph mark ¶ deleted', () => {
    const dir = scratch();
    split(slachtofferschap(dir, 'a'));
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`\nb/2022/kamerbrief/06-slachtofferschap.md:${lineOf(slachtofferschap(dir, 'b'), 'Mede op verzoek van uw Kamer')} samengevoegd\n`);
    expect(r.stdout).toContain('senioren & veiligheid.^43 [-¶-] Daarnaast zijn er door verschillende partners');
    expect(marks(r.stdout)).toEqual(['[-¶-]']);
  });

  it('deleted words are shown as they were written: "50+ beurs", not "50 + beurs"', () => {
    const dir = scratch();
    const sentence = /Tot slot heeft het ministerie [^\n]*?weren\./.exec(readFileSync(slachtofferschap(dir, 'b'), 'utf8'))![0];
    expect(sentence).toContain('de 50+ beurs benut');
    edit(slachtofferschap(dir, 'b'), ` ${sentence}`, '');
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.status).toBe(0);
    expect(marks(r.stdout)).toEqual([`[-${sentence}-]`]);
  });
});

describe('the facts of a beslisnota: every change counts, and says whether the public version prints it', () => {
  it('kenmerk and datum (printed in both versions) and the opsteller (personal data, internal only)', async () => {
    const dir = scratch();
    const yaml = join(dir, 'b', '2023', 'beslisnota.yaml');
    edit(yaml, 'kenmerk: "5074177"', 'kenmerk: "5074178"');
    edit(yaml, 'datum: 2023-12-18', 'datum: 2023-12-19');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}opsteller:\n  naam: A. de Vries\n`);
    const r = diff(dir, '2023', '--format', 'text');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\nkenmerk: [-5074177-]{+5074178+}, ook in de openbare versie\n');
    expect(r.stdout).toContain('\ndatum: [-18 december 2023-]{+19 december 2023+}, ook in de openbare versie\n');
    expect(r.stdout).toContain('\nopsteller: [-–-]{+A. de Vries+}, alleen intern\n');
    const summary = diff(dir, '2023').stdout;
    expect(summary).toContain('\n  kenmerk: 5074177 → 5074178 (public)\n');
    expect(summary).toContain('\n  opsteller: – → A. de Vries (internal only)\n');
    const first = (await readLetter(join(dir, 'out', '2023', 'beslisnota.diff.pdf')))[0]!.body;
    expect(first).toContain('Van a naar b: 3 wijzigingen.');
    expect(first).toContain('2 wijzigingen staan ook in de openbare versie (boven de streep), 1 alleen in de interne.');
    // (The PDF's text has a space either side of the italic words.)
    expect(first.replace(/\( | \)/g, (m) => m.trim())).toContain('datum: 18 december 2023 → 19 december 2023 (ook in de openbare versie) kenmerk: 5074177 → 5074178 (ook in de openbare versie) opsteller: – → A. de Vries (alleen intern)');
  });
});

describe('a list: each changed item is a change of its own', () => {
  it('an item inserted is "ingevoegd", just that item; an item changed is "gewijzigd", just that item; each at its line', () => {
    const dir = scratch();
    const file = join(dir, 'b', '2023', 'beslisnota', '01-aanleiding.md');
    edit(file, 'over de start van de pilot voor de Re-integratieofficier;', 'over de start van het project voor de Re-integratieofficier;');
    edit(file, '- De Kamer wordt geïnformeerd over de voortgang', '- Een nieuw punt in het midden van de lijst;\n- De Kamer wordt geïnformeerd over de voortgang');
    const r = diff(dir, '2023', '--format', 'text');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      [
        '## 1. Aanleiding',
        `b/2023/beslisnota/01-aanleiding.md:${lineOf(file, '- De Kamer wordt geïnformeerd over de start')} gewijzigd, ook in de openbare versie`,
        'De Kamer wordt geïnformeerd over de start van [-de pilot-]{+het project+} voor de Re-integratieofficier;',
        `b/2023/beslisnota/01-aanleiding.md:${lineOf(file, '- Een nieuw punt')} ingevoegd, ook in de openbare versie`,
        '{+Een nieuw punt in het midden van de lijst;+}',
        '',
      ].join('\n'),
    );
    const list = rows(readFileSync(join(dir, 'out', '2023', 'beslisnota.diff.html'), 'utf8'));
    expect(list.map((c) => c[2])).toEqual(['gewijzigd<br><span class="diff-openbaar">ook in de openbare versie</span>', 'ingevoegd<br><span class="diff-openbaar">ook in de openbare versie</span>']);
    expect(list[1]![3]).toBe('<ins>Een nieuw punt in het midden van de lijst;</ins>');
  });
});

describe('a nested list', () => {
  it('an item inserted in the nested list of 4.5 Strategie is that item alone, not its parent item with all its sub-items', () => {
    const dir = scratch();
    const file = join(dir, 'b', '2023', 'beslisnota', '04-toelichting.md');
    edit(file, '  - Om het lokaal domein te ondersteunen', '  - Een nieuw punt in de geneste lijst.\n  - Om het lokaal domein te ondersteunen');
    const r = diff(dir, '2023', '--format', 'text');
    expect(r.status).toBe(0);
    expect(diffOutputOf(r.stdout, 'beslisnota')).toMatch(
      new RegExp(`^beslisnota: a → b\\n\\n## 4\\.5 Strategie\\nb/2023/beslisnota/04-toelichting\\.md:${lineOf(file, '  - Een nieuw punt')} ingevoegd, ook in de openbare versie\\n\\{\\+Een nieuw punt in de geneste lijst\\.\\+\\}\\n\\S+beslisnota\\.diff\\.pdf: \\d+ pages\\n$`),
    );
  });
});

describe('the change list reads as the letter does', () => {
  it('a table change as "2021: Overvallen 676 → 1.676"; a footnote call inserted as its superscript number', async () => {
    const dir = scratch();
    edit(join(dir, 'b', '2022', 'data', 'hic.yaml'), '2021: 676 }', '2021: 1676 }');
    // A new footnote in 3.1, after the real letter's note 43 ("Tijd voor MAX …"): it is note 44.
    edit(slachtofferschap(dir, 'b'), 'georganiseerd voor de doelgroep.', 'georganiseerd voor de doelgroep.[^bijeenkomsten]');
    writeFileSync(slachtofferschap(dir, 'b'), `${readFileSync(slachtofferschap(dir, 'b'), 'utf8')}\n[^bijeenkomsten]: Een nieuwe bron.\n`);
    const r = diff(dir, '2022', '--format', 'text');
    expect(r.status).toBe(0);
    const list = rows(readFileSync(join(dir, 'out', '2022', 'kamerbrief.diff.html'), 'utf8')).map((c) => c[3]);
    expect(list[0]).toBe('2021: Overvallen <del>676</del> → <ins>1.676</ins>');
    expect(list).toContain('… georganiseerd voor de doelgroep.<ins><sup>44</sup></ins> Tot slot heeft het ministerie in samenwerking met de politie en de Katholieke Bond …');
    expect(list.join('')).not.toContain('^');
    expect(list.join('')).not.toContain(' | ');
    const first = (await readLetter(join(dir, 'out', '2022', 'kamerbrief.diff.pdf')))[0]!.body;
    expect(first).toContain('2021: Overvallen 676 → 1.676');
  });
});
