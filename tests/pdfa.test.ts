import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { mdtoRecord } from '../src/finalize/mdto-record.js';
import { ROOT, voortgang } from './helpers/cli.js';
import { PdfFile, isStream, streamData, type PdfValue } from './helpers/pdf-objects.js';
import { RULES } from './helpers/pdfa-rules.js';
import { validateMdto } from './helpers/xsd.js';

/**
 * Archive-grade output: every PDF voortgang writes identifies itself as PDF/A-2b and PDF/UA-1, and has an MDTO
 * bestand record beside it. There is no PDF/A validator here (veraPDF is in neither registry), so each rule that
 * applies to these files is checked on its own (tests/helpers/pdfa-rules.ts), and each check is shown to refuse
 * a copy of a good file broken in that one respect.
 */
const EXAMPLES = ['2022/kamerbrief.pdf', '2022/actieprogramma.pdf', '2023/beslisnota.pdf', '2023/beslisnota-openbaar.pdf'];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// Redlines go through the same finalize path: the 2023 memo and the 2022 bijlage (lists, a table of contents,
// a figure) against themselves (folders as revisions).
let redlines: string[];
beforeAll(() => {
  const out = join(mkdtempSync(join(tmpdir(), 'voortgang-pdfa-diff-')), 'output');
  for (const year of ['2022', '2023']) {
    const r = voortgang(['diff', year, '--from', 'content', '--to', 'content', '--output', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }
  redlines = [join(out, '2023', 'beslisnota.diff.pdf'), join(out, '2022', 'actieprogramma.diff.pdf')];
});

const files = () => [...EXAMPLES.map((f) => join(inject('output'), f)), ...redlines];

describe('PDF/A-2b and PDF/UA-1, rule by rule (each check also refuses a file broken in that rule)', () => {
  const good = () => readFileSync(join(inject('output'), '2022', 'kamerbrief.pdf'));
  for (const rule of RULES) {
    it(`${rule.clause}: ${rule.title}`, () => {
      for (const file of files()) expect(rule.check(readFileSync(file)), basename(file)).toEqual([]);
      const broken = rule.mutate(good());
      expect(broken.equals(good())).toBe(false);
      expect(rule.check(broken).length, 'the broken copy').toBeGreaterThan(0);
    });
  }

  it('PDF/UA-1 7.3 is checked where there is a figure: the bijlage has one, with its text alternative', () => {
    const pdf = new PdfFile(readFileSync(join(inject('output'), '2022', 'actieprogramma.pdf')));
    const figures = [...pdf.scanned.keys()].map((n) => pdf.object(n)).filter((v) => v instanceof Map && String((v.get('S') as { name?: string })?.name) === 'Figure') as Array<Map<string, PdfValue>>;
    expect(figures.length).toBeGreaterThan(0);
  });
});

describe('what the identification says', () => {
  it('the OutputIntent embeds assets/icc/sRGB.icc byte for byte (Debian icc-profiles-free 2.0.1, sha256 2a92d4ba…)', () => {
    const pdf = new PdfFile(readFileSync(join(inject('output'), '2022', 'kamerbrief.pdf')));
    const intent = pdf.dict((pdf.get(pdf.root!.get('OutputIntents')) as PdfValue[])[0]);
    const profile = pdf.get(intent!.get('DestOutputProfile'));
    expect(isStream(profile)).toBe(true);
    const bytes = streamData(profile as never);
    expect(sha256(bytes)).toBe('2a92d4bae450b76d8b0aa42193df974d75f62738ecebf74f01c5e75b12a95796');
    expect(bytes.equals(readFileSync(join(ROOT, 'assets', 'icc', 'sRGB.icc')))).toBe(true);
  });

  it('pdf.js reads the XMP: title, PDF/A and PDF/UA identification, the provenance', async () => {
    const doc = await getDocument({ data: new Uint8Array(readFileSync(join(inject('output'), '2022', 'kamerbrief.pdf'))), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
    const { metadata } = (await doc.getMetadata()) as unknown as { metadata: { get(k: string): unknown } };
    expect(metadata.get('dc:title')).toBe('Voortgangsrapportage High Impact Crimes 2021-2022');
    expect(metadata.get('dc:creator')).toEqual(['Ministerie van Justitie en Veiligheid, Directoraat-Generaal Straffen en Beschermen']);
    expect(metadata.get('pdfaid:part')).toBe('2');
    expect(metadata.get('pdfaid:conformance')).toBe('B');
    expect(metadata.get('pdfuaid:part')).toBe('1');
    expect(metadata.get('xmp:createdate')).toBe('2022-12-14T12:00:00+00:00');
    expect(metadata.get('voortgang:document')).toBe('2022/kamerbrief');
    expect(metadata.get('voortgang:sourcehash')).toMatch(/^sha256:[0-9a-f]{64}$/);
    await doc.destroy();
  });

  it('every link says where it leads: a footnote call "Voetnoot n", a web link its words, a table of contents entry its heading', async () => {
    const contents = async (file: string) => {
      const doc = await getDocument({ data: new Uint8Array(readFileSync(join(inject('output'), file))), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
      const out: Array<{ url?: string; dest?: unknown; text: string }> = [];
      for (let p = 1; p <= doc.numPages; p++) for (const a of (await (await doc.getPage(p)).getAnnotations()) as Array<{ url?: string; dest?: unknown; contentsObj?: { str: string } }>) out.push({ url: a.url, dest: a.dest, text: a.contentsObj?.str ?? '' });
      await doc.destroy();
      return out;
    };
    const letter = await contents('2022/kamerbrief.pdf');
    expect(letter).toHaveLength(61);
    expect(letter.find((l) => l.dest === 'noot-1')?.text).toBe('Voetnoot 1');
    expect(letter.find((l) => l.dest === 'noot-51')?.text).toBe('Voetnoot 51');
    // content/2022/kamerbrief/02-ontwikkeling-hic.md:18: [www.data.politie.nl](http://www.data.politie.nl)
    expect(letter.find((l) => l.url === 'http://www.data.politie.nl/')?.text).toBe('www.data.politie.nl');
    const bijlage = await contents('2022/actieprogramma.pdf');
    // The table of contents' entry of the chapter "## Leeswijzer", without its page number.
    expect(bijlage.find((l) => l.dest === 'kop-leeswijzer')?.text).toBe('Leeswijzer');
    expect(bijlage.every((l) => l.text.trim().length > 0)).toBe(true);
  });
});

describe('the MDTO bestand record beside each PDF', () => {
  it('is valid MDTO-XML 1.0.1 and states the PDF\'s name, size, SHA-256, PRONOM fmt/477, the datum and the kenmerk', async () => {
    // From the data files: content/2022/kamerbrief.yaml, actieprogramma.yaml (a bijlage: no kenmerk), 2023/beslisnota.yaml.
    const facts: Record<string, { datum: string; kenmerk?: string }> = {
      '2022/kamerbrief.pdf': { datum: '2022-12-14', kenmerk: '4355467' },
      '2022/actieprogramma.pdf': { datum: '2022-11-30' },
      '2023/beslisnota.pdf': { datum: '2023-12-18', kenmerk: '5074177' },
      '2023/beslisnota-openbaar.pdf': { datum: '2023-12-18', kenmerk: '5074177' },
    };
    for (const file of [...files()]) {
      const pdf = readFileSync(file);
      const record = readFileSync(`${file}.mdto.xml`, 'utf8');
      const result = await validateMdto(record, `${basename(file)}.mdto.xml`);
      expect(result.errors, basename(file)).toEqual([]);
      expect(result.valid).toBe(true);
      expect(record).toContain(`<naam>${basename(file)}</naam>`);
      expect(record).toContain(`<omvang>${pdf.length}</omvang>`);
      expect(record).toContain(`<checksumWaarde>${sha256(pdf)}</checksumWaarde>`);
      expect(record).toMatch(/<begripCode>fmt\/477<\/begripCode>\s*<begripBegrippenlijst>\s*<verwijzingNaam>PRONOM-register<\/verwijzingNaam>/);
      expect(record).toMatch(/<checksumAlgoritme>\s*<begripLabel>SHA-256<\/begripLabel>/);
      const known = facts[Object.keys(facts).find((k) => file.replace('.diff.pdf', '.pdf').endsWith(k))!]!;
      expect(record).toContain(`<checksumDatum>${known.datum}T12:00:00+00:00</checksumDatum>`);
      if (known.kenmerk) expect(record).toMatch(new RegExp(`<isRepresentatieVan>[\\s\\S]*<identificatieKenmerk>${known.kenmerk}</identificatieKenmerk>`));
      else expect(record).toContain(`<identificatieKenmerk>2022/${basename(file)}</identificatieKenmerk>`); // no kenmerk: year/document
    }
  });

  it('a broken record fails the schema: a size that is no number, a missing checksum, elements out of order', async () => {
    const good = readFileSync(join(inject('output'), '2022', 'kamerbrief.pdf.mdto.xml'), 'utf8');
    const noNumber = await validateMdto(good.replace(/<omvang>\d+<\/omvang>/, '<omvang>groot</omvang>'), 'kamerbrief.pdf.mdto.xml');
    expect(noNumber.valid).toBe(false);
    expect(noNumber.output).toMatch(/omvang.*'groot' is not a valid value of the atomic type 'xs:integer'/);
    const noChecksum = await validateMdto(good.replace(/\s*<checksum>[\s\S]*<\/checksum>/, ''), 'kamerbrief.pdf.mdto.xml');
    expect(noChecksum.valid).toBe(false);
    expect(noChecksum.output).toMatch(/isRepresentatieVan': This element is not expected\. Expected is .*checksum/);
    const swapped = await validateMdto(good.replace(/(\s*<naam>[^<]*<\/naam>)(\s*<omvang>[^<]*<\/omvang>)/, '$2$1'), 'kamerbrief.pdf.mdto.xml');
    expect(swapped.valid).toBe(false);
  });

  it('of a document whose kind has no kenmerk: identified by year/document, still valid', async () => {
    const record = mdtoRecord(Buffer.from('%PDF-1.4\n'), { name: 'memo.pdf', document: '2015/memo', title: 'Een memo', organisation: 'Ministerie van Justitie en Veiligheid', date: '2015-03-01' });
    expect(record).toContain('<identificatieKenmerk>2015/memo.pdf</identificatieKenmerk>');
    expect(record).not.toContain('<verwijzingIdentificatie>');
    expect((await validateMdto(record, 'memo.pdf.mdto.xml')).errors).toEqual([]);
  });
});

describe('verify checks the record', () => {
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-record-'));
    for (const f of ['beslisnota.pdf', 'beslisnota.pdf.mdto.xml']) copyFileSync(join(inject('output'), '2023', f), join(dir, f));
    return dir;
  };

  it('a PDF with its record: identical, and the record matches', () => {
    const dir = copy();
    const r = voortgang(['verify', join(dir, 'beslisnota.pdf'), '--content', join(ROOT, 'content')], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^beslisnota\.pdf: identical — /);
    expect(r.stdout).toContain(`  record: beslisnota.pdf.mdto.xml matches the PDF (sha256 ${sha256(readFileSync(join(dir, 'beslisnota.pdf'))).slice(0, 12)}…, `);
  });

  it('a PDF changed after its record was written: the PDF is named as what changed', () => {
    const dir = copy();
    writeFileSync(join(dir, 'beslisnota.pdf'), Buffer.concat([readFileSync(join(dir, 'beslisnota.pdf')), Buffer.from('% later\n')]));
    const r = voortgang(['verify', join(dir, 'beslisnota.pdf'), '--content', join(ROOT, 'content')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ {2}record: the PDF changed after its record was written — the record says sha256 [0-9a-f]{12}… \(\d+ bytes\), the PDF is sha256 [0-9a-f]{12}… \(\d+ bytes\); the record is the one a build of these sources writes/);
  });

  it('an edited record: the record is named as what changed', () => {
    const dir = copy();
    const file = join(dir, 'beslisnota.pdf.mdto.xml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/<checksumWaarde>[0-9a-f]/, '<checksumWaarde>x'));
    const r = voortgang(['verify', join(dir, 'beslisnota.pdf'), '--content', join(ROOT, 'content')], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^beslisnota\.pdf: the PDF is identical to a rebuild, but its record does not match/);
    expect(r.stdout).toMatch(/ {2}record: beslisnota\.pdf\.mdto\.xml was edited — the record says sha256 x[0-9a-f]{11}…/);
  });
});
