import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, scratchCopy, voortgang } from './helpers/cli.js';
import { validateDiwoo } from './helpers/xsd.js';
import { findTooi } from '../src/diwoo/tooi.js';
import { diwooRecord } from '../src/diwoo/record.js';
import { diffFacts } from '../src/diff/data-diff.js';
import type { DocumentSources } from '../src/load/load-document.js';
// @ts-expect-error a plain ES module of the repository's scripts, without types
import { tooiListsJson } from '../scripts/write-tooi-lists.mjs';

const XS = 'http://www.w3.org/2001/XMLSchema';
const DITA = 'http://dita.oasis-open.org/architecture/2005/';
const DIWOO = 'https://standaarden.overheid.nl/diwoo/metadata/';
const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const LISTS_XSD = join(ROOT, 'schemas', 'standards', 'diwoo-metadata-lijsten.xsd');

// The TOOI lists, read here from the standard's XSD itself (not from voortgang's JSON): list → [uri, label].
type Lists = Map<string, [string, string][]>;
function listsFromXsd(): Lists {
  const doc = new DOMParser().parseFromString(readFileSync(LISTS_XSD, 'utf8'), 'text/xml');
  const out: Lists = new Map();
  for (const type of Array.from(doc.getElementsByTagNameNS(XS, 'simpleType'))) {
    const values = Array.from(type.getElementsByTagNameNS(XS, 'enumeration')).map((e) => [e.getAttribute('value')!, e.getElementsByTagNameNS(DITA, 'p')[0]!.textContent!.trim()] as [string, string]);
    if (type.getAttribute('name')) out.set(type.getAttribute('name')!, values);
  }
  return out;
}
const uriOf = (lists: Lists, list: string, label: string) => {
  const found = lists.get(list)!.filter(([, l]) => l.toLowerCase() === label.toLowerCase());
  expect(found, `${label} in ${list}`).toHaveLength(1);
  return found[0]![0];
};

/** One element of a record: its text and its resource attribute. */
function record(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const all = (name: string) => Array.from(doc.getElementsByTagNameNS(DIWOO, name)).map((e) => ({ text: e.textContent, resource: e.getAttribute('resource') }));
  const one = (name: string) => {
    const found = all(name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };
  return { doc, all, one, loc: Array.from(doc.getElementsByTagNameNS(SITEMAP, 'loc')).map((e) => e.textContent) };
}

const yamlOf = (file: string) => parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
/** Line and column (1-based) of the value of `key:` in a YAML file's text, found by reading the text. */
function valueAt(text: string, key: string): { line: number; col: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => new RegExp(`^\\s*${key}:`).test(l));
  expect(line, key).toBeGreaterThanOrEqual(0);
  const m = new RegExp(`^(\\s*${key}:\\s*)`).exec(lines[line]!)!;
  return { line: line + 1, col: m[1]!.length + 1 };
}

let output: string;
let lists: Lists;
let openbaar: string;
beforeAll(() => {
  output = inject('output');
  lists = listsFromXsd();
  openbaar = readFileSync(join(output, '2023', 'beslisnota-openbaar.diwoo.xml'), 'utf8');
});

describe('the DiWoo record beside a public PDF', () => {
  it('the 2023 beslisnota-openbaar.diwoo.xml passes the sitemap 0.9 and DiWoo 0.9.8 schemas (with MDTO)', async () => {
    const r = await validateDiwoo(openbaar, 'beslisnota-openbaar.diwoo.xml');
    expect(r.errors).toEqual([]);
    // libxml2's own verdict; the one other line is its notice that the MDTO import is served from the local copy.
    const lines = r.output.split('\n');
    expect(lines.at(-1)).toBe('beslisnota-openbaar.diwoo.xml validates');
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^diwoo-metadata\.xsd:\d+: element import: Schemas parser warning : .*Skipping import of schema located at 'https:\/\/www\.nationaalarchief\.nl\/mdto\/MDTO-XML1\.0\.1\.xsd'.*already imported with the schema located at 'MDTO-XML1\.0\.1\.xsd'\.$/);
    expect(r.valid).toBe(true);
  });

  it('says what beslisnota.yaml, its sender and the TOOI lists say', () => {
    const brief = yamlOf(join(ROOT, 'content', '2023', 'beslisnota.yaml'));
    const sender = yamlOf(join(ROOT, 'content', 'afzenders', `${String(brief.afzender)}.yaml`));
    const r = record(openbaar);
    expect(r.loc).toEqual(['beslisnota-openbaar.pdf']);
    expect(r.all('identifier').map((i) => i.text)).toEqual([String(brief.kenmerk)]);
    expect(r.one('officieleTitel').text).toBe(brief.onderwerp);
    expect(r.one('creatiedatum').text).toBe('2023-12-18');
    expect(String(brief.datum)).toContain('2023-12-18');
    // The ministry of the sender, looked up by its name in the list of ministries.
    expect(r.one('publisher')).toEqual({ text: 'ministerie van Justitie en Veiligheid', resource: uriOf(lists, 'ministerielijst', String(sender.ministerie)) });
    expect(r.one('publisher').resource).toBe('https://identifier.overheid.nl/tooi/id/ministerie/mnre1058');
    expect(r.one('documentsoort')).toEqual({ text: 'beslisnota', resource: 'https://identifier.overheid.nl/tooi/def/thes/kern/c_2977c34f' });
    expect(uriOf(lists, 'documentsoortlijst', 'beslisnota')).toBe('https://identifier.overheid.nl/tooi/def/thes/kern/c_2977c34f');
    expect(r.one('informatiecategorie')).toEqual({ text: 'inspanningsverplichting art 3.1 Woo', resource: uriOf(lists, 'informatiecategorielijst', 'inspanningsverplichting art 3.1 Woo') });
    expect(r.one('language')).toEqual({ text: 'Nederlands', resource: uriOf(lists, 'taallijst', 'Nederlands') });
    expect(r.one('format')).toEqual({ text: 'PDF', resource: uriOf(lists, 'formatlijst', 'PDF') });
    expect(r.one('soortHandeling')).toEqual({ text: 'vaststelling', resource: uriOf(lists, 'soorthandelinglijst', 'vaststelling') });
    expect(r.one('atTime').text).toBe('2023-12-18T00:00:00');
    // bijlagen: 1 without bijlagestukken: the memo does not say which, so no relation is claimed.
    expect(r.all('documentrelatie')).toEqual([]);
  });

  it('a record with a wrong TOOI URI fails validation', async () => {
    const wrongMinistry = openbaar.replace('/ministerie/mnre1058"', '/ministerie/mnre9999"');
    expect(wrongMinistry).not.toBe(openbaar);
    const a = await validateDiwoo(wrongMinistry, 'wrong-ministry.diwoo.xml');
    expect(a.valid).toBe(false);
    expect(a.output).toContain("wrong-ministry.diwoo.xml:10: Schemas validity error : Element '{https://standaarden.overheid.nl/diwoo/metadata/}publisher', attribute 'resource': 'https://identifier.overheid.nl/tooi/id/ministerie/mnre9999' is not a valid value of the local union type.");
    expect(a.output.split('\n').at(-1)).toBe('wrong-ministry.diwoo.xml fails to validate');
    // A documentsoort's URI where an informatiecategorie belongs: a real TOOI URI, of the wrong list.
    const wrongList = openbaar.replace(/(<diwoo:informatiecategorie resource=")[^"]+/, '$1https://identifier.overheid.nl/tooi/def/thes/kern/c_2977c34f');
    const b = await validateDiwoo(wrongList, 'wrong-list.diwoo.xml');
    expect(b.valid).toBe(false);
    expect(b.errors.join('\n')).toMatch(/informatiecategorie', attribute 'resource': \[facet 'enumeration'\] The value 'https:\/\/identifier\.overheid\.nl\/tooi\/def\/thes\/kern\/c_2977c34f' is not an element of the set/);
  });

  it('the Kamerbrief, public as a whole, has one too, with its bijlagen as relations; so has its bijlage', async () => {
    const xml = readFileSync(join(output, '2022', 'kamerbrief.diwoo.xml'), 'utf8');
    expect((await validateDiwoo(xml, 'kamerbrief.diwoo.xml')).output.split('\n').at(-1)).toBe('kamerbrief.diwoo.xml validates');
    const brief = yamlOf(join(ROOT, 'content', '2022', 'kamerbrief.yaml'));
    const bijlage = yamlOf(join(ROOT, 'content', '2022', 'actieprogramma.yaml'));
    const r = record(xml);
    expect(r.loc).toEqual(['kamerbrief.pdf']);
    expect(r.one('officieleTitel').text).toBe(brief.onderwerp);
    expect(r.one('documentsoort')).toEqual({ text: 'Kamerbrief', resource: uriOf(lists, 'documentsoortlijst', 'Kamerbrief') });
    expect(r.one('informatiecategorie').resource).toBe(uriOf(lists, 'informatiecategorielijst', 'bij vertegenwoordigende organen ingekomen stukken'));
    expect(r.one('soortHandeling').text).toBe('ondertekening');
    const heeftBijlage = uriOf(lists, 'documentrelatielijst', 'heeft bijlage');
    expect(r.all('role')).toEqual([{ text: 'heeft bijlage', resource: heeftBijlage }, { text: 'heeft bijlage', resource: heeftBijlage }]);
    const extern = (brief.bijlagestukken as Record<string, string>[])[1]!.extern;
    expect(r.all('relation')).toEqual([{ text: bijlage.onderwerp, resource: 'actieprogramma.pdf' }, { text: extern, resource: null }]);

    const own = readFileSync(join(output, '2022', 'actieprogramma.diwoo.xml'), 'utf8');
    expect((await validateDiwoo(own, 'actieprogramma.diwoo.xml')).valid).toBe(true);
    // The kind says rapport; the document's own woo facts say plan.
    expect(record(own).one('documentsoort')).toEqual({ text: 'plan', resource: uriOf(lists, 'documentsoortlijst', 'plan') });
    expect(record(own).all('identifier')).toEqual([]); // a bijlage has no kenmerk
  });

  it('no record beside a version that is not public', () => {
    expect(existsSync(join(output, '2023', 'beslisnota.pdf'))).toBe(true);
    expect(existsSync(join(output, '2023', 'beslisnota.diwoo.xml'))).toBe(false);
  });

  it('voortgang reads the TOOI lists from a JSON that is what scripts/write-tooi-lists.mjs makes of the XSD', () => {
    expect(readFileSync(join(ROOT, 'src', 'diwoo', 'tooi-lists.json'), 'utf8')).toBe(tooiListsJson(readFileSync(LISTS_XSD, 'utf8')));
  });
});

describe('Woo facts in the sources', () => {
  it('a woo.url gives the address; no woo facts in a kind, no record (an old one is removed); the same sources give the same bytes', () => {
    const dir = scratchCopy(['content', 'templates']);
    const memo = join(dir, 'content', '2023', 'beslisnota.yaml');
    writeFileSync(memo, `${readFileSync(memo, 'utf8')}woo:\n  url: https://open.overheid.nl/documenten/jenv-2023\n`);
    const kind = join(dir, 'templates', 'kamerbrief', 'layout.yaml');
    writeFileSync(kind, readFileSync(kind, 'utf8').replace(/^woo:\n(?: .*\n)+/m, ''));
    const args = ['--content', join(dir, 'content'), '--templates', join(dir, 'templates'), '--output', join(dir, 'out')];
    // The record of an earlier build, when the kind still had Woo facts: it must not stay beside the new PDF.
    mkdirSync(join(dir, 'out', '2022'), { recursive: true });
    cpSync(join(output, '2022', 'kamerbrief.diwoo.xml'), join(dir, 'out', '2022', 'kamerbrief.diwoo.xml'));
    const r = voortgang(['build', '2022', '2023', '--jobs', '1', ...args], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(record(readFileSync(join(dir, 'out', '2023', 'beslisnota-openbaar.diwoo.xml'), 'utf8')).loc).toEqual(['https://open.overheid.nl/documenten/jenv-2023/beslisnota-openbaar.pdf']);
    expect(existsSync(join(dir, 'out', '2022', 'kamerbrief.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'out', '2022', 'kamerbrief.diwoo.xml'))).toBe(false);
    // The bijlage's record is still written (its kind has woo facts).
    expect(existsSync(join(dir, 'out', '2022', 'actieprogramma.diwoo.xml'))).toBe(true);

    // Two builds of the unchanged 2023 sources (the shared build of the test run, and one more): the same bytes.
    const again = voortgang(['build', '2023', '--output', join(dir, 'again')]);
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'again', '2023', 'beslisnota-openbaar.diwoo.xml')).equals(readFileSync(join(output, '2023', 'beslisnota-openbaar.diwoo.xml')))).toBe(true);
  });

  it('an unknown informatiecategorie in a layout.yaml stops the build at its line and column', () => {
    const dir = scratchCopy(['content', 'templates']);
    const kind = join(dir, 'templates', 'beslisnota', 'layout.yaml');
    const text = readFileSync(kind, 'utf8').replace(/informatiecategorie: .*/, 'informatiecategorie: vergaderstukken');
    writeFileSync(kind, text);
    const at = valueAt(text, '  informatiecategorie');
    const r = voortgang(['build', '2023', '--content', join(dir, 'content'), '--templates', join(dir, 'templates'), '--output', join(dir, 'out')], { cwd: dir });
    expect(r.status).toBe(1);
    const labels = lists.get('informatiecategorielijst')!.map(([, l]) => `"${l}"`).join(', ');
    expect(r.stderr).toContain(
      `templates/beslisnota/layout.yaml:${at.line}:${at.col}: woo.informatiecategorie: "vergaderstukken" is not in the TOOI list of Woo informatiecategorieën (scw_woo_informatiecategorieen/4, in schemas/standards/diwoo-metadata-lijsten.xsd) — write a label or URI of that list; its labels: ${labels}\n`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, 'out', '2023', 'beslisnota-openbaar.pdf'))).toBe(false);
  });

  it('the public record names only what is published: an annex of a memo, whose titles no version prints, is not in it', () => {
    const dir = scratchCopy(['content']);
    const data = join(dir, 'content', '2023', 'beslisnota.yaml');
    writeFileSync(data, `${readFileSync(data, 'utf8')}bijlagestukken:\n  - extern: "Vertrouwelijk advies Zqxlandsadvocaat"\n`);
    const r = voortgang(['build', '2023', '--content', join(dir, 'content'), '--output', join(dir, 'out')], { cwd: dir });
    expect(r.stderr).toBe('');
    const out = join(dir, 'out', '2023');
    for (const f of ['beslisnota-openbaar.diwoo.xml', 'beslisnota-openbaar.html', 'beslisnota-openbaar.pdf.mdto.xml']) expect(readFileSync(join(out, f), 'utf8'), f).not.toContain('Zqxlandsadvocaat');
    // The letter, public as a whole, names the annexes it is sent with (the Ecorys report of content/2022).
    expect(readFileSync(join(output, '2022', 'kamerbrief.diwoo.xml'), 'utf8')).toContain('Ecorys');
  });

  it('a kenmerk cannot be marked intern in a layout: it identifies the public version too', () => {
    const dir = scratchCopy(['content', 'templates']);
    const kind = join(dir, 'templates', 'beslisnota', 'layout.yaml');
    const text = readFileSync(kind, 'utf8').replace(/^(  kenmerk:\n    type: kenmerk\n)/m, '$1    intern: true\n');
    expect(text).toContain('    intern: true\n    beschrijving: Ons kenmerk');
    writeFileSync(kind, text);
    const line = text.split('\n').findIndex((l) => l === '    intern: true') + 1;
    const r = voortgang(['build', '2023', '--content', join(dir, 'content'), '--templates', join(dir, 'templates'), '--output', join(dir, 'out')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^templates/beslisnota/layout\\.yaml:${line}:\\d+: .*a kenmerk cannot be intern: it identifies the document in the public version too`, 'm'));
    expect(existsSync(join(dir, 'out', '2023', 'beslisnota-openbaar.pdf'))).toBe(false);
  });

  it('a sender under a former name gives its ministry\'s URI (tooi:): the 2015 letter of the Ministerie van Veiligheid en Justitie', async () => {
    const fixture = join(ROOT, 'tests', 'fixtures', 'archief', 'content');
    expect(yamlOf(join(fixture, 'afzenders', 'dgsb.yaml')).ministerie).toBe('Ministerie van Veiligheid en Justitie');
    expect(lists.get('ministerielijst')!.some(([, l]) => l.toLowerCase() === 'ministerie van veiligheid en justitie')).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-diwoo-archief-'));
    const r = voortgang(['build', '2015', '--content', fixture, '--output', join(dir, 'out')], { cwd: dir });
    expect(r.stderr).toBe('');
    const xml = readFileSync(join(dir, 'out', '2015', 'kamerbrief.diwoo.xml'), 'utf8');
    expect(record(xml).one('publisher')).toEqual({ text: 'ministerie van Justitie en Veiligheid', resource: uriOf(lists, 'ministerielijst', 'ministerie van Justitie en Veiligheid') });
    expect((await validateDiwoo(xml)).valid).toBe(true);
  });

  it('woo facts in a document whose kind writes no record are an error at them, not silently without effect', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-diwoo-memo-'));
    const fixture = join(ROOT, 'tests', 'fixtures', 'soort-memo');
    cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
    cpSync(join(fixture, 'templates', 'memo'), join(dir, 'templates', 'memo'), { recursive: true });
    cpSync(join(fixture, 'content'), join(dir, 'content'), { recursive: true });
    const memo = join(dir, 'content', '2030', 'memo.yaml');
    const before = readFileSync(memo, 'utf8');
    writeFileSync(memo, `${before}woo:\n  url: https://example.org/memos/\n`);
    const line = before.split('\n').length + 1; // the line after woo:, where its block starts
    const r = voortgang(['build', '2030', '--content', join(dir, 'content'), '--templates', join(dir, 'templates'), '--output', join(dir, 'out')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`content/2030/memo.yaml:${line}:3: woo: a memo gets no DiWoo record — its kind has no woo facts (templates/memo/layout.yaml); remove woo: here, or give the kind its woo: informatiecategorie, documentsoort and handeling\n`);
  });

  it('text with XML\'s own characters is escaped: the record stays valid and reads back as written', async () => {
    const value = (list: Parameters<typeof findTooi>[0], label: string) => {
      const found = findTooi(list, label);
      if (!('value' in found)) throw new Error(found.problem);
      return found.value;
    };
    const title = 'Aanpak "high impact crimes" & <overvallen> — 1 > 0';
    const xml = diwooRecord({
      loc: 'https://example.org/a&b/brief.pdf',
      title,
      identifiers: ['A&B-1'],
      publisher: value('ministerielijst', 'ministerie van Justitie en Veiligheid'),
      informatiecategorie: value('informatiecategorielijst', 'adviezen'),
      documentsoort: value('documentsoortlijst', 'brief'),
      handeling: value('soorthandelinglijst', 'vaststelling'),
      datum: '2024-02-29',
      bijlagen: [{ label: 'Bijlage "één" & <twee>', resource: 'https://example.org/a&b/bijlage "1".pdf' }],
    });
    expect((await validateDiwoo(xml)).valid).toBe(true);
    const r = record(xml);
    expect(r.loc).toEqual(['https://example.org/a&b/brief.pdf']);
    expect(r.one('officieleTitel').text).toBe(title);
    expect(r.one('identifier').text).toBe('A&B-1');
    expect(r.one('relation')).toEqual({ text: 'Bijlage "één" & <twee>', resource: 'https://example.org/a&b/bijlage "1".pdf' });
  });

  it('the redline lists a changed Woo fact by its labels', () => {
    const plan = findTooi('documentsoortlijst', 'plan');
    const rapport = findTooi('documentsoortlijst', 'rapport');
    if (!('value' in plan) || !('value' in rapport)) throw new Error('plan and rapport are in the list');
    const sources = (woo: unknown) => ({ brief: { soort: 'bijlage', datum: '2022-11-01', onderwerp: 'Actieprogramma', afzender: 'dgsb-jfac', woo }, layout: { descriptor: { feiten: {} } } }) as unknown as DocumentSources;
    expect(diffFacts(sources({ documentsoort: rapport.value }), sources({ documentsoort: plan.value, url: 'https://example.org/' })).get('woo')).toEqual({ where: 'woo', before: 'documentsoort: rapport', after: 'documentsoort: plan; url: https://example.org/' });
  });

  it('a TOOI value is found by its URI or its label (case aside); a name the list has twice, or a near miss, is named', () => {
    expect(findTooi('ministerielijst', 'Ministerie van Justitie en Veiligheid')).toEqual({ value: { uri: uriOf(lists, 'ministerielijst', 'ministerie van Justitie en Veiligheid'), label: 'ministerie van Justitie en Veiligheid' } });
    expect(findTooi('documentsoortlijst', 'https://identifier.overheid.nl/tooi/def/thes/kern/c_2977c34f')).toEqual({ value: { uri: 'https://identifier.overheid.nl/tooi/def/thes/kern/c_2977c34f', label: 'beslisnota' } });
    // The list has "ministerie van Economische Zaken" twice (two ministries of that name, mnre1040 and mnre1045).
    const ez = lists.get('ministerielijst')!.filter(([, l]) => l === 'ministerie van Economische Zaken').map(([u]) => u);
    expect(ez).toHaveLength(2);
    expect(findTooi('ministerielijst', 'Ministerie van Economische Zaken')).toEqual({ problem: `"Ministerie van Economische Zaken" names 2 values of the TOOI list of ministries (rwc_ministeries_compleet/4, in schemas/standards/diwoo-metadata-lijsten.xsd): ${ez.join(', ')} — write the URI of the one meant` });
    const miss = findTooi('documentsoortlijst', 'beslis-nota');
    expect('problem' in miss && miss.problem).toMatch(/^"beslis-nota" is not in the TOOI list of documentsoorten \(ccw_plooi_documentsoorten\/7, in schemas\/standards\/diwoo-metadata-lijsten\.xsd\) — write a label or URI of that list; the closest labels: "beslisnota", /);
  });

  it('a sender whose ministry is not in the TOOI list stops a build with a record at the sender\'s line', () => {
    const dir = scratchCopy(['content']);
    const sender = join(dir, 'content', 'afzenders', 'dgsb-jfac.yaml');
    const text = readFileSync(sender, 'utf8').replace(/^ministerie: .*/m, 'ministerie: Ministerie van Toekomstige Zaken');
    writeFileSync(sender, text);
    const at = valueAt(text, 'ministerie');
    const r = voortgang(['build', '2023', '--content', join(dir, 'content'), '--output', join(dir, 'out')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`content/afzenders/dgsb-jfac.yaml:${at.line}:${at.col}: ministerie: "Ministerie van Toekomstige Zaken" is not in the TOOI list of ministries (schemas/standards/diwoo-metadata-lijsten.xsd), by which a DiWoo record names its publisher — write the name as the list has it, or add tooi: <the ministry's URI> (a former name: the URI of the ministry it is now, e.g. Veiligheid en Justitie → Justitie en Veiligheid, mnre1058); the list: ministerie van Algemene Zaken;`);
    expect(existsSync(join(dir, 'out', '2023', 'beslisnota-openbaar.pdf'))).toBe(false);
  });

  it('the record is written with its PDF, all or none: a record that cannot be written leaves the old PDF in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-diwoo-'));
    cpSync(join(output, '2023'), join(dir, 'out', '2023'), { recursive: true });
    const pdf = join(dir, 'out', '2023', 'beslisnota-openbaar.pdf');
    writeFileSync(pdf, 'an older PDF');
    const record = join(dir, 'out', '2023', 'beslisnota-openbaar.diwoo.xml');
    cpSync(record, `${record}.bak`);
    rmSync(record);
    mkdirSync(record); // a folder where the record goes
    const r = voortgang(['build', '2023', '--output', join(dir, 'out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${record} is a folder, where voortgang writes a file — remove or rename that folder`);
    expect(readFileSync(pdf, 'utf8')).toBe('an older PDF');
  });
});

describe('verify covers the record', () => {
  it('identical beside an identical PDF; a PDF alone is verified alone; a changed record is named, with its first changed line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-diwoo-verify-'));
    cpSync(join(output, '2023'), join(dir, '2023'), { recursive: true });
    const pdf = join(dir, '2023', 'beslisnota-openbaar.pdf');
    const ok = voortgang(['verify', pdf, '--content', join(ROOT, 'content')], { cwd: dir });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^2023\/beslisnota-openbaar\.pdf: identical — .*\n  record: 2023\/beslisnota-openbaar\.pdf\.mdto\.xml matches the PDF .*\n2023\/beslisnota-openbaar\.diwoo\.xml: identical — the DiWoo record of a rebuild is the same \d+ bytes\n$/);

    const file = join(dir, '2023', 'beslisnota-openbaar.diwoo.xml');
    // The PDF copied on its own: verified alone, the missing record said.
    const alone = join(dir, 'alone');
    mkdirSync(alone);
    cpSync(pdf, join(alone, 'beslisnota-openbaar.pdf'));
    const single = voortgang(['verify', join(alone, 'beslisnota-openbaar.pdf'), '--content', join(ROOT, 'content')], { cwd: dir });
    expect(single.status).toBe(0);
    expect(single.stdout).toContain('\nalone/beslisnota-openbaar.diwoo.xml: not beside the PDF, nothing to compare — a build writes this DiWoo record with the PDF\n');

    writeFileSync(file, readFileSync(file, 'utf8').replace('inspanningsverplichting art 3.1 Woo<', 'adviezen<'));
    const changed = voortgang(['verify', pdf, '--content', join(ROOT, 'content')], { cwd: dir });
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('2023/beslisnota-openbaar.pdf: identical — ');
    expect(changed.stdout).toContain('2023/beslisnota-openbaar.diwoo.xml: different from the DiWoo record of a rebuild\n  line 16: "<diwoo:informatiecategorie resource=\\"https://identifier.overheid.nl/tooi/def/thes/kern/c_816e508d\\">adviezen</diwoo:informatiecategorie>" → "<diwoo:informatiecategorie resource=\\"https://identifier.overheid.nl/tooi/def/thes/kern/c_816e508d\\">inspanningsverplichting art 3.1 Woo</diwoo:informatiecategorie>"\n');
  });
});
