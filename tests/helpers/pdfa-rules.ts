import { Lexer, Name, Op, PdfFile, PdfString, Ref, isDict, isStream, streamData, treeEntries, type PdfDict, type PdfValue } from './pdf-objects.js';
import { serialize } from './pdf-plant.js';

/**
 * The rules of PDF/A-2b (ISO 19005-2) and PDF/UA-1 (ISO 14289-1) that apply to the PDFs voortgang writes, each
 * checked on its own, named by its clause (the wording follows the veraPDF validation profiles PDFA-2B.xml and
 * PDFUA-1.xml), and each with a mutation: a copy of a good file changed so that exactly this rule is broken,
 * which the check must refuse. No validator: these are the rules as read, checked one by one.
 */
export interface Rule {
  clause: string;
  title: string;
  /** The problems found; empty when the file keeps the rule. */
  check(pdf: Buffer): string[];
  /** A copy of a good file that breaks this rule. */
  mutate(pdf: Buffer): Buffer;
}

/** An incremental update replacing objects (by number) with the given text after "n 0 obj". */
/**
 * One parse per file for all the rules: a rule reads objects, it never changes them. (The 330-page letter of
 * tests/print-in-parts.test.ts was parsed once per rule: 31 s of the suite.)
 */
const parsed = new WeakMap<Buffer, PdfFile>();
function pdfOf(bytes: Buffer): PdfFile {
  let pdf = parsed.get(bytes);
  if (!pdf) parsed.set(bytes, (pdf = new PdfFile(bytes)));
  return pdf;
}

export function withObjects(src: Buffer, replace: Record<number, string | Buffer>): Buffer {
  const pdf = new PdfFile(src);
  const trailer = pdf.trailers[0]!;
  let offset = src.length;
  const parts: Buffer[] = [src];
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const [num, body] of Object.entries(replace).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const obj = Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    xref += `${num} 1\n${String(offset).padStart(10, '0')} 00000 n \n`;
    parts.push(obj);
    offset += obj.length;
  }
  const prev = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(src.toString('latin1', src.length - 64))![1];
  const t = new Map(trailer);
  t.set('Prev', Number(prev));
  parts.push(Buffer.from(`${xref}trailer\n${serialize(t)}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** A dictionary object's text with a change: keys set (serialized values) or removed (undefined). */
function edited(pdf: PdfFile, ref: PdfValue | undefined, changes: Record<string, string | undefined>): string {
  const d = new Map(pdf.dict(ref)!);
  let out = '<<';
  for (const [k, v] of d) if (!(k in changes)) out += `${serialize(new Name(k))} ${serialize(v)}\n`;
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) out += `/${k} ${v}\n`;
  return `${out}>>`;
}

const refOf = (v: PdfValue | undefined): Ref => {
  if (!(v instanceof Ref)) throw new Error('expected an indirect reference');
  return v;
};
const nameOf = (v: PdfValue | undefined) => (v instanceof Name ? v.name : undefined);
const textOf = (v: PdfValue | undefined) => (v instanceof PdfString ? v.text() : undefined);

/** Every object of the newest revision, by number. */
function objects(pdf: PdfFile): Array<[number, PdfValue]> {
  const out: Array<[number, PdfValue]> = [];
  for (const n of pdf.scanned.keys()) {
    const v = pdf.object(n);
    if (v !== undefined && v !== null) out.push([n, v]);
  }
  return out;
}
const dicts = (pdf: PdfFile) => objects(pdf).flatMap(([n, v]) => (isDict(v) ? [[n, v] as const] : isStream(v) ? [[n, v.dict] as const] : []));

function catalog(pdf: PdfFile): PdfDict {
  return pdf.root!;
}
function rootRef(pdf: PdfFile): Ref {
  return refOf(pdf.trailers[0]!.get('Root'));
}

/** The XMP packet of the catalog (UTF-8 text), or undefined. */
export function xmpOf(pdf: PdfFile): string | undefined {
  const m = pdf.get(catalog(pdf).get('Metadata'));
  return isStream(m) ? streamData(m).toString('utf8') : undefined;
}
function metadataRef(pdf: PdfFile): Ref {
  return refOf(catalog(pdf).get('Metadata'));
}
function withXmp(src: Buffer, change: (xmp: string) => string): Buffer {
  const pdf = new PdfFile(src);
  const xmp = Buffer.from(change(xmpOf(pdf)!), 'utf8');
  return withObjects(src, { [metadataRef(pdf).num]: Buffer.concat([Buffer.from(`<</Type /Metadata /Subtype /XML /Length ${xmp.length}>>\nstream\n`, 'latin1'), xmp, Buffer.from('\nendstream', 'latin1')]) });
}
function xmpValue(xmp: string, property: string): string | undefined {
  const m = new RegExp(`<${property}>([\\s\\S]*?)</${property}>`).exec(xmp);
  if (!m) return undefined;
  const li = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(m[1]!);
  return (li ? li[1]! : m[1]!).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

function links(pdf: PdfFile): Array<[number, PdfDict]> {
  return dicts(pdf).filter(([, d]) => nameOf(d.get('Type')) === 'Annot' && nameOf(d.get('Subtype')) === 'Link') as Array<[number, PdfDict]>;
}
function firstLink(pdf: PdfFile): number {
  return links(pdf)[0]![0];
}
function fonts(pdf: PdfFile): Array<[number, PdfDict]> {
  return dicts(pdf).filter(([, d]) => nameOf(d.get('Type')) === 'Font') as Array<[number, PdfDict]>;
}
function structElems(pdf: PdfFile): Array<[number, PdfDict]> {
  return dicts(pdf).filter(([, d]) => nameOf(d.get('Type')) === 'StructElem') as Array<[number, PdfDict]>;
}

/** Every value inside a value (arrays and dictionaries, not through references). */
function* walk(v: PdfValue | undefined): Generator<PdfValue> {
  if (v === undefined || v === null) return;
  yield v;
  if (Array.isArray(v)) for (const x of v) yield* walk(x);
  else if (isDict(v)) for (const x of v.values()) yield* walk(x);
  else if (isStream(v)) for (const x of v.dict.values()) yield* walk(x);
}

const STANDARD_TYPES = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(' '),
);
const PREDEFINED_XMP = new Set([
  'http://purl.org/dc/elements/1.1/',
  'http://ns.adobe.com/pdf/1.3/',
  'http://ns.adobe.com/xap/1.0/',
  'http://ns.adobe.com/xap/1.0/mm/',
  'http://ns.adobe.com/xap/1.0/rights/',
  'http://www.aiim.org/pdfa/ns/id/',
  'http://www.aiim.org/pdfa/ns/extension/',
  'http://www.aiim.org/pdfa/ns/schema#',
  'http://www.aiim.org/pdfa/ns/property#',
  'http://www.aiim.org/pdfa/ns/type#',
  'http://www.aiim.org/pdfa/ns/field#',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'adobe:ns:meta/',
]);

export const RULES: Rule[] = [
  {
    clause: 'PDF/A-2 6.1.2',
    title: 'file header %PDF-1.n (n 0–7), then a comment of 4 bytes above 127',
    check(b) {
      const p: string[] = [];
      if (!/^%PDF-1\.[0-7](\r\n|\r|\n)%/.test(b.toString('latin1', 0, 12))) p.push(`header is ${JSON.stringify(b.toString('latin1', 0, 10))}`);
      const at = b.indexOf('%', 8);
      if ([1, 2, 3, 4].some((i) => b[at + i]! <= 127)) p.push('the binary comment lacks 4 bytes above 127');
      return p;
    },
    mutate: (b) => Buffer.concat([Buffer.from('%PDF-1.4\n%abcd', 'latin1'), b.subarray(14)]),
  },
  {
    clause: 'PDF/A-2 6.1.3',
    title: 'the last trailer has an /ID, no /Encrypt, and nothing follows %%EOF but one EOL',
    check(b) {
      const p: string[] = [];
      const t = pdfOf(b).trailers[0]!;
      const id = t.get('ID');
      if (!Array.isArray(id) || id.length !== 2 || id.some((x) => !(x instanceof PdfString) || x.bytes.length === 0)) p.push('no /ID in the last trailer');
      if (t.has('Encrypt')) p.push('/Encrypt in the trailer');
      if (!/%%EOF(\r\n|\r|\n)?$/.test(b.toString('latin1', b.length - 8))) p.push('data after the last %%EOF');
      return p;
    },
    mutate: (b) => Buffer.concat([b, Buffer.from('% appended\n', 'latin1')]),
  },
  {
    clause: 'PDF/A-2 6.1.4',
    title: 'each xref keyword and its first subsection header are separated by one EOL, the header by one space',
    check(b) {
      const text = b.toString('latin1');
      const p: string[] = [];
      for (const m of text.matchAll(/(?<=[\r\n])xref([\s\S]{0,24})/g)) if (!/^(\r\n|\r|\n)\d+ \d+(\r\n|\r|\n| )/.test(m[1]!)) p.push(`xref at ${m.index}: ${JSON.stringify(m[1]!.slice(0, 12))}`);
      return p;
    },
    mutate: (b) => {
      const text = b.toString('latin1');
      const at = text.lastIndexOf('\nxref\n');
      return Buffer.concat([b.subarray(0, at + 6), Buffer.from('0  1', 'latin1'), b.subarray(at + 9)]);
    },
  },
  {
    clause: 'PDF/A-2 6.1.7.1',
    title: 'every stream: /Length matches its bytes, "stream" ends with LF or CRLF, "endstream" follows an EOL, no /F /FFilter /FDecodeParms',
    check(b) {
      const pdf = pdfOf(b);
      const p: string[] = [];
      for (const [n, v] of objects(pdf)) {
        if (!isStream(v)) continue;
        const len = pdf.get(v.dict.get('Length'));
        const start = v.raw.byteOffset - b.byteOffset;
        if (typeof len !== 'number' || !/^(\r\n|\r|\n)endstream/.test(b.toString('latin1', start + len, start + len + 12))) p.push(`object ${n}: /Length ${len} does not end where endstream starts`);
        if (!/stream(\r\n|\n)$/.test(b.toString('latin1', start - 8, start))) p.push(`object ${n}: "stream" not followed by LF or CRLF`);
        for (const k of ['F', 'FFilter', 'FDecodeParms']) if (v.dict.has(k)) p.push(`object ${n}: /${k}`);
      }
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const xmp = Buffer.from(xmpOf(pdf)!, 'utf8');
      return withObjects(b, { [metadataRef(pdf).num]: Buffer.concat([Buffer.from(`<</Type /Metadata /Subtype /XML /Length ${xmp.length - 10}>>\nstream\n`, 'latin1'), xmp, Buffer.from('\nendstream', 'latin1')]) });
    },
  },
  {
    clause: 'PDF/A-2 6.1.7.2',
    title: 'no LZWDecode or Crypt filter',
    check(b) {
      const pdf = pdfOf(b);
      return objects(pdf).flatMap(([n, v]) => {
        if (!isStream(v)) return [];
        const f = v.dict.get('Filter');
        return (Array.isArray(f) ? f : [f]).filter((x) => ['LZWDecode', 'LZW', 'Crypt'].includes(nameOf(x) ?? '')).map((x) => `object ${n}: /Filter /${nameOf(x)}`);
      });
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const intent = (pdf.get(catalog(pdf).get('OutputIntents')) as PdfValue[])[0];
      const profile = refOf(pdf.dict(intent)!.get('DestOutputProfile'));
      return withObjects(b, { [profile.num]: '<</N 3 /Filter /LZWDecode /Length 4>>\nstream\nabcd\nendstream' });
    },
  },
  {
    clause: 'PDF/A-2 6.1.9',
    title: 'every indirect object starts "n g obj" with single spaces',
    check(b) {
      const text = b.toString('latin1');
      return [...text.matchAll(/(?<=[\r\n])(\d+)([ \t]+)(\d+)([ \t]+)obj\b/g)].filter((m) => m[2] !== ' ' || m[4] !== ' ').map((m) => `object ${m[1]}: ${JSON.stringify(m[0])}`);
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const n = rootRef(pdf).num;
      const body = edited(pdf, rootRef(pdf), {});
      return Buffer.concat([b.subarray(0, b.length), Buffer.from(`\n${n} 0  obj\n${body}\nendobj\n`, 'latin1')]);
    },
  },
  {
    clause: 'PDF/A-2 6.2.3',
    title: 'a GTS_PDFA1 OutputIntent whose DestOutputProfile is an embedded RGB monitor or printer ICC profile with /N 3',
    check(b) {
      const pdf = pdfOf(b);
      const intents = pdf.get(catalog(pdf).get('OutputIntents'));
      if (!Array.isArray(intents) || intents.length === 0) return ['no /OutputIntents in the catalog'];
      const p: string[] = [];
      for (const i of intents) {
        const d = pdf.dict(i)!;
        if (nameOf(d.get('S')) !== 'GTS_PDFA1') p.push(`an output intent of /S /${nameOf(d.get('S'))}`);
        const profile = pdf.get(d.get('DestOutputProfile'));
        if (!isStream(profile)) {
          p.push('no embedded DestOutputProfile');
          continue;
        }
        const icc = streamData(profile);
        const cls = icc.toString('latin1', 12, 16);
        const space = icc.toString('latin1', 16, 20);
        if (icc.toString('latin1', 36, 40) !== 'acsp') p.push('the profile is not an ICC profile (no acsp signature)');
        if (!['mntr', 'prtr'].includes(cls)) p.push(`profile class ${cls}`);
        if (space !== 'RGB ') p.push(`profile colour space ${JSON.stringify(space)}`);
        if (profile.dict.get('N') !== 3) p.push(`/N ${String(profile.dict.get('N'))}`);
        if (icc.readUInt32BE(0) !== icc.length) p.push('the profile size in its header is not its length');
      }
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      return withObjects(b, { [rootRef(pdf).num]: edited(pdf, rootRef(pdf), { OutputIntents: undefined }) });
    },
  },
  {
    clause: 'PDF/A-2 6.2.4.3',
    title: 'DeviceRGB (rg/RG in the pages) only with an RGB output intent; no DeviceCMYK without a CMYK one',
    check(b) {
      const pdf = pdfOf(b);
      const intents = pdf.get(catalog(pdf).get('OutputIntents'));
      const space = Array.isArray(intents) && intents[0] ? streamData(pdf.get(pdf.dict(intents[0])!.get('DestOutputProfile')) as never).toString('latin1', 16, 20) : undefined;
      const p: string[] = [];
      let rgb = false;
      let cmyk = false;
      for (const { dict } of pdf.pages()) {
        const c = pdf.get(dict.get('Contents'));
        for (const s of Array.isArray(c) ? c.map((x) => pdf.get(x)) : [c]) {
          if (!isStream(s)) continue;
          const ops = streamData(s).toString('latin1');
          if (/(^|\s)(rg|RG)(\s|$)/.test(ops) || /\/DeviceRGB/.test(ops)) rgb = true;
          if (/(^|\s)(k|K)(\s|$)/.test(ops) || /\/DeviceCMYK/.test(ops)) cmyk = true;
        }
      }
      if (rgb && space !== 'RGB ') p.push(`DeviceRGB is used, the output intent's colour space is ${JSON.stringify(space ?? null)}`);
      if (cmyk && space !== 'CMYK') p.push('DeviceCMYK is used without a CMYK output intent');
      if (!rgb) p.push('no DeviceRGB painting found: the check did not see the pages');
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const intent = (pdf.get(catalog(pdf).get('OutputIntents')) as PdfValue[])[0]!;
      const ref = refOf(pdf.dict(intent)!.get('DestOutputProfile'));
      const icc = Buffer.from(streamData(pdf.get(ref) as never));
      icc.write('GRAY', 16, 'latin1');
      return withObjects(b, { [ref.num]: Buffer.concat([Buffer.from(`<</N 3 /Length ${icc.length}>>\nstream\n`, 'latin1'), icc, Buffer.from('\nendstream', 'latin1')]) });
    },
  },
  {
    clause: 'PDF/A-2 6.2.5',
    title: 'no ExtGState with TR, TR2 other than Default, or HTP',
    check(b) {
      return dicts(pdfOf(b)).flatMap(([n, d]) => {
        const p: string[] = [];
        if (nameOf(d.get('Type')) === 'ExtGState' || d.has('ca') || d.has('CA') || d.has('BM')) {
          if (d.has('TR')) p.push(`object ${n}: /TR`);
          if (d.has('TR2') && nameOf(d.get('TR2')) !== 'Default') p.push(`object ${n}: /TR2`);
          if (d.has('HTP')) p.push(`object ${n}: /HTP`);
        }
        return p;
      });
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [n] = dicts(pdf).find(([, d]) => d.has('BM') || d.has('ca'))!;
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { TR: '/Identity' }) });
    },
  },
  {
    clause: 'PDF/A-2 6.2.9',
    title: 'no PostScript XObjects, no reference XObjects, no OPI',
    check(b) {
      return dicts(pdfOf(b)).flatMap(([n, d]) => {
        const p: string[] = [];
        if (nameOf(d.get('Subtype')) === 'PS' || nameOf(d.get('Subtype2')) === 'PS' || d.has('PS')) p.push(`object ${n}: PostScript`);
        if (nameOf(d.get('Subtype')) === 'Form' && d.has('Ref')) p.push(`object ${n}: a reference XObject`);
        if (d.has('OPI')) p.push(`object ${n}: /OPI`);
        return p;
      });
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      return withObjects(b, { [Number(pdf.trailers[0]!.get('Size')) - 1]: '<</Type /XObject /Subtype /PS /Length 0>>\nstream\n\nendstream' });
    },
  },
  {
    clause: 'PDF/A-2 6.2.10',
    title: 'only the blend modes of ISO 32000-1',
    check(b) {
      const ok = new Set(['Normal', 'Compatible', 'Multiply', 'Screen', 'Overlay', 'Darken', 'Lighten', 'ColorDodge', 'ColorBurn', 'HardLight', 'SoftLight', 'Difference', 'Exclusion', 'Hue', 'Saturation', 'Color', 'Luminosity']);
      return dicts(pdfOf(b)).flatMap(([n, d]) => (d.has('BM') && !ok.has(nameOf(d.get('BM')) ?? '') ? [`object ${n}: /BM ${serialize(d.get('BM')!)}`] : []));
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [n] = dicts(pdf).find(([, d]) => d.has('BM'))!;
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { BM: '/Dissolve' }) });
    },
  },
  {
    clause: 'PDF/A-2 6.2.11.3.2 (PDF/UA-1 7.21.3.2)',
    title: 'every embedded CIDFontType2 font has a CIDToGIDMap',
    check(b) {
      return fonts(pdfOf(b)).flatMap(([n, d]) => (nameOf(d.get('Subtype')) === 'CIDFontType2' && !d.has('CIDToGIDMap') ? [`font ${n}: no /CIDToGIDMap`] : []));
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [n] = fonts(pdf).find(([, d]) => nameOf(d.get('Subtype')) === 'CIDFontType2')!;
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { CIDToGIDMap: undefined }) });
    },
  },
  {
    clause: 'PDF/A-2 6.2.11.5 (PDF/UA-1 7.21.5)',
    title: 'the glyph widths of each CIDFontType2 font (/W, /DW) are those of its embedded TrueType program (hmtx, ±1 unit)',
    check(b) {
      const pdf = pdfOf(b);
      const p: string[] = [];
      let compared = 0;
      const shown = shownCids(pdf);
      for (const [n, d] of fonts(pdf)) {
        if (nameOf(d.get('Subtype')) !== 'CIDFontType2') continue;
        if (nameOf(d.get('CIDToGIDMap')) !== 'Identity') {
          p.push(`font ${n}: a CIDToGIDMap other than /Identity (not read by this check)`);
          continue;
        }
        const program = pdf.get(pdf.dict(d.get('FontDescriptor'))?.get('FontFile2'));
        if (!isStream(program)) continue;
        const advance = trueTypeAdvances(streamData(program));
        const w = pdf.get(d.get('W'));
        const widths = new Map<number, number>();
        for (let i = 0; Array.isArray(w) && i < w.length; ) {
          const first = pdf.get(w[i]) as number;
          const next = pdf.get(w[i + 1]);
          if (Array.isArray(next)) {
            next.forEach((x, k) => widths.set(first + k, pdf.get(x) as number));
            i += 2;
          } else {
            for (let c = first; c <= (next as number); c++) widths.set(c, pdf.get(w[i + 2]) as number);
            i += 3;
          }
        }
        for (const [cid, width] of widths) {
          // The glyphs shown (veraPDF checks those): /W also lists glyphs the subset leaves out.
          if (!shown.get(n)?.has(cid)) continue;
          compared++;
          const own = advance(cid);
          if (own === undefined || Math.abs(own - width) > 1) p.push(`font ${n}: CID ${cid} is ${width} wide in /W, ${own} in the font program`);
        }
      }
      if (compared === 0) p.push('no widths compared: the check did not see the fonts');
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [n, d] = fonts(pdf).find(([, x]) => nameOf(x.get('Subtype')) === 'CIDFontType2')!;
      const w = pdf.get(d.get('W')) as PdfValue[];
      const first = w.findIndex((x) => Array.isArray(x));
      const changed = w.map((x, i) => (i === first ? (x as number[]).map((v) => v + 50) : x));
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { W: serialize(changed) }) });
    },
  },
  {
    clause: 'PDF/A-2 6.2.11.4.1 (6.2.11.4.1-2; PDF/UA-1 7.21.4.1-2)',
    title: 'every glyph the pages show is in its embedded font program (glyph id below maxp numGlyphs, with an outline or an advance)',
    check(b) {
      const pdf = pdfOf(b);
      const shown = shownCids(pdf);
      const p: string[] = [];
      let checked = 0;
      for (const [n, d] of fonts(pdf)) {
        if (nameOf(d.get('Subtype')) !== 'CIDFontType2' || nameOf(d.get('CIDToGIDMap')) !== 'Identity') continue;
        const program = pdf.get(pdf.dict(d.get('FontDescriptor'))?.get('FontFile2'));
        if (!isStream(program)) continue;
        const font = trueType(streamData(program));
        for (const gid of shown.get(n) ?? []) {
          checked++;
          if (gid >= font.numGlyphs || (font.outlineLength(gid) === 0 && !font.advance(gid))) p.push(`font ${n}: glyph ${gid} is not in the font program (${font.numGlyphs} glyphs)`);
        }
      }
      if (checked === 0) p.push('no glyphs checked: the check did not see the fonts');
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [, d] = fonts(pdf).find(([, x]) => nameOf(x.get('Subtype')) === 'CIDFontType2')!;
      const ref = refOf(pdf.dict(d.get('FontDescriptor'))!.get('FontFile2'));
      const program = Buffer.from(streamData(pdf.get(ref) as never));
      program.writeUInt16BE(1, tableOffset(program, 'maxp')! + 4); // one glyph left: .notdef
      return withObjects(b, { [ref.num]: Buffer.concat([Buffer.from(`<</Length ${program.length}>>\nstream\n`, 'latin1'), program, Buffer.from('\nendstream', 'latin1')]) });
    },
  },
  {
    clause: 'PDF/A-2 6.2.11.4.1 (PDF/UA-1 7.21.4.1)',
    title: 'the font program of every font is embedded',
    check(b) {
      const pdf = pdfOf(b);
      const all = fonts(pdf);
      if (all.length === 0) return ['no fonts found: the check did not see them'];
      return all.flatMap(([n, d]) => {
        const sub = nameOf(d.get('Subtype'));
        if (sub === 'Type0' || sub === 'Type3') return [];
        const fd = pdf.dict(d.get('FontDescriptor'));
        return fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => isStream(pdf.get(fd.get(k)))) ? [] : [`font ${n} (${nameOf(d.get('BaseFont'))}): not embedded`];
      });
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [, font] = fonts(pdf).find(([, d]) => nameOf(d.get('Subtype')) === 'CIDFontType2')!;
      const fd = refOf(font.get('FontDescriptor'));
      return withObjects(b, { [fd.num]: edited(pdf, fd, { FontFile2: undefined }) });
    },
  },
  {
    clause: 'PDF/A-2 6.3.1, 6.3.2',
    title: 'annotations are of ISO 32000-1 types (no 3D, Sound, Screen, Movie) and have /F with Print set and Hidden, Invisible, NoView, ToggleNoView clear',
    check(b) {
      const allowed = new Set(['Text', 'Link', 'FreeText', 'Line', 'Square', 'Circle', 'Polygon', 'PolyLine', 'Highlight', 'Underline', 'Squiggly', 'StrikeOut', 'Stamp', 'Caret', 'Ink', 'Popup', 'FileAttachment', 'Widget', 'PrinterMark', 'TrapNet', 'Watermark', 'Redact']);
      return dicts(pdfOf(b)).flatMap(([n, d]) => {
        if (nameOf(d.get('Type')) !== 'Annot') return [];
        const p: string[] = [];
        const sub = nameOf(d.get('Subtype')) ?? '';
        if (!allowed.has(sub)) p.push(`annotation ${n}: /Subtype /${sub}`);
        const f = d.get('F');
        if (sub !== 'Popup' && (typeof f !== 'number' || (f & 4) !== 4 || (f & (1 | 2 | 32 | 256)) !== 0)) p.push(`annotation ${n}: /F ${String(f)}`);
        return p;
      });
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const n = firstLink(pdf);
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { F: '2' }) });
    },
  },
  {
    clause: 'PDF/A-2 6.3.3',
    title: 'every annotation but Link and Popup has an appearance, and an appearance dictionary holds only /N',
    check(b) {
      const pdf = pdfOf(b);
      return dicts(pdf).flatMap(([n, d]) => {
        if (nameOf(d.get('Type')) !== 'Annot') return [];
        const sub = nameOf(d.get('Subtype'));
        const ap = pdf.dict(d.get('AP'));
        if (!ap) return sub === 'Link' || sub === 'Popup' ? [] : [`annotation ${n} (/${sub}): no appearance`];
        return [...ap.keys()].some((k) => k !== 'N') ? [`annotation ${n}: /AP with ${[...ap.keys()].join(', ')}`] : [];
      });
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const n = firstLink(pdf);
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { Subtype: '/Text' }) });
    },
  },
  {
    clause: 'PDF/A-2 6.5.1',
    title: 'no JavaScript, Launch, Sound, Movie, ResetForm, ImportData, Hide, SetOCGState, Rendition, Trans, GoTo3DView action; named actions only to pages',
    check(b) {
      const bad = new Set(['Launch', 'Sound', 'Movie', 'ResetForm', 'ImportData', 'Hide', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView', 'JavaScript']);
      const pdf = pdfOf(b);
      const p: string[] = [];
      for (const [n, d] of dicts(pdf)) {
        const s = nameOf(d.get('S'));
        if (nameOf(d.get('Type')) !== 'StructElem' && s && bad.has(s)) p.push(`object ${n}: a ${s} action`);
        if (s === 'Named' && !['NextPage', 'PrevPage', 'FirstPage', 'LastPage'].includes(nameOf(d.get('N')) ?? '')) p.push(`object ${n}: named action ${nameOf(d.get('N'))}`);
        if (d.has('JS')) p.push(`object ${n}: /JS`);
        for (const v of walk(d)) if (isDict(v) && v !== d && (bad.has(nameOf(v.get('S')) ?? '') || v.has('JS'))) p.push(`object ${n}: an action ${nameOf(v.get('S'))} inside`);
      }
      const names = pdf.dict(catalog(pdf).get('Names'));
      if (names?.has('JavaScript')) p.push('a JavaScript name tree');
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const n = firstLink(pdf);
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { Dest: undefined, A: '<</S /JavaScript /JS (app.alert\\(1\\))>>' }) });
    },
  },
  {
    clause: 'PDF/A-2 6.5.2',
    title: 'no additional actions (/AA) in the catalog or a page',
    check(b) {
      const pdf = pdfOf(b);
      const p = catalog(pdf).has('AA') ? ['catalog: /AA'] : [];
      pdf.pages().forEach(({ dict }, i) => dict.has('AA') && p.push(`page ${i + 1}: /AA`));
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      return withObjects(b, { [rootRef(pdf).num]: edited(pdf, rootRef(pdf), { AA: '<</WC <</S /Named /N /FirstPage>>>>' }) });
    },
  },
  {
    clause: 'PDF/A-2 6.8',
    title: 'no embedded files (no EmbeddedFiles name tree, no file specification with /EF)',
    check(b) {
      const pdf = pdfOf(b);
      const p = pdf.dict(catalog(pdf).get('Names'))?.has('EmbeddedFiles') ? ['an EmbeddedFiles name tree'] : [];
      for (const [n, d] of dicts(pdf)) if (d.has('EF')) p.push(`object ${n}: /EF`);
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      return withObjects(b, { [rootRef(pdf).num]: edited(pdf, rootRef(pdf), { Names: '<</EmbeddedFiles <</Names [(a.txt) <</Type /Filespec /F (a.txt) /UF (a.txt) /EF <</F 1 0 R>>>>]>>>>' }) });
    },
  },
  {
    clause: 'PDF/A-2 6.6.2.1',
    title: 'the catalog has a /Metadata stream (/Type /Metadata /Subtype /XML, unfiltered), an XMP packet in UTF-8, well-formed, without bytes or encoding attributes',
    check(b) {
      const pdf = pdfOf(b);
      const m = pdf.get(catalog(pdf).get('Metadata'));
      if (!isStream(m)) return ['no /Metadata stream in the catalog'];
      const p: string[] = [];
      if (nameOf(m.dict.get('Type')) !== 'Metadata' || nameOf(m.dict.get('Subtype')) !== 'XML') p.push('not /Type /Metadata /Subtype /XML');
      if (m.dict.has('Filter')) p.push('the metadata stream is filtered');
      const bytes = streamData(m);
      const xmp = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      if (Buffer.from(xmp, 'utf8').compare(bytes) !== 0) p.push('not UTF-8');
      const head = /<\?xpacket begin=([^?]*)\?>/.exec(xmp);
      if (!head) p.push('no xpacket header');
      else if (/\b(bytes|encoding)=/.test(head[1]!)) p.push(`xpacket header with ${head[1]}`);
      if (!/<\?xpacket end="[rw]"\?>\s*$/.test(xmp)) p.push('no xpacket trailer');
      const open: string[] = [];
      for (const t of xmp.replace(/<\?[\s\S]*?\?>/g, '').matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
        if (t[3]) continue;
        if (!t[1]) open.push(t[2]!);
        else if (open.pop() !== t[2]) p.push(`not well-formed at </${t[2]}>`);
      }
      if (open.length) p.push(`unclosed ${open.join(', ')}`);
      return p;
    },
    mutate: (b) => withXmp(b, (x) => x.replace('<?xpacket begin="\uFEFF"', '<?xpacket begin="\uFEFF" bytes="4096"')),
  },
  {
    clause: 'PDF/A-2 6.6.2.3.1, 6.6.2.3.3',
    title: 'every XMP property is of a predefined schema or of an extension schema the packet defines (pdfaSchema namespaceURI, prefix, property name, valueType, category, description)',
    check(b) {
      const xmp = xmpOf(pdfOf(b)) ?? '';
      const p: string[] = [];
      const namespaces = new Map([...xmp.matchAll(/xmlns:(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      const defined = new Map<string, Set<string>>();
      for (const s of xmp.matchAll(/<rdf:li rdf:parseType="Resource">\s*<pdfaSchema:schema>[\s\S]*?<\/pdfaSchema:property>/g)) {
        const uri = /<pdfaSchema:namespaceURI>([^<]*)</.exec(s[0])?.[1];
        const prefix = /<pdfaSchema:prefix>([^<]*)</.exec(s[0])?.[1];
        if (!uri || !prefix) p.push('an extension schema without namespaceURI or prefix');
        const props = new Set<string>();
        for (const pr of s[0].matchAll(/<rdf:li rdf:parseType="Resource">\s*<pdfaProperty:name>([^<]*)<\/pdfaProperty:name>([\s\S]*?)<\/rdf:li>/g)) {
          for (const field of ['valueType', 'category', 'description']) if (!new RegExp(`<pdfaProperty:${field}>[^<]+<`).test(pr[2]!)) p.push(`${prefix}:${pr[1]}: no ${field}`);
          if (!/<pdfaProperty:category>(internal|external)</.test(pr[2]!)) p.push(`${prefix}:${pr[1]}: category is not internal or external`);
          props.add(pr[1]!);
        }
        if (uri) defined.set(uri, props);
      }
      const body = xmp.replace(/<pdfaExtension:schemas>[\s\S]*<\/pdfaExtension:schemas>/, '');
      for (const m of body.matchAll(/<(\w+):(\w+)[\s>]/g)) {
        const uri = namespaces.get(m[1]!);
        if (['x', 'rdf'].includes(m[1]!)) continue;
        if (!uri) p.push(`${m[1]}:${m[2]}: an undeclared prefix`);
        else if (!PREDEFINED_XMP.has(uri) && !defined.get(uri)?.has(m[2]!)) p.push(`${m[1]}:${m[2]}: no schema defines it`);
      }
      return p;
    },
    mutate: (b) => withXmp(b, (x) => x.replace(/<rdf:li rdf:parseType="Resource">\s*<pdfaSchema:schema>voortgang provenance[\s\S]*?<\/pdfaSchema:property>\s*<\/rdf:li>/, '')),
  },
  {
    clause: 'PDF/A-2 6.6.4',
    title: 'XMP identifies the file as PDF/A-2b: pdfaid:part 2, pdfaid:conformance B',
    check(b) {
      const xmp = xmpOf(pdfOf(b)) ?? '';
      const p: string[] = [];
      if (xmpValue(xmp, 'pdfaid:part') !== '2') p.push(`pdfaid:part ${xmpValue(xmp, 'pdfaid:part')}`);
      if (xmpValue(xmp, 'pdfaid:conformance') !== 'B') p.push(`pdfaid:conformance ${xmpValue(xmp, 'pdfaid:conformance')}`);
      if (!/xmlns:pdfaid="http:\/\/www\.aiim\.org\/pdfa\/ns\/id\/"/.test(xmp)) p.push('pdfaid is not http://www.aiim.org/pdfa/ns/id/');
      return p;
    },
    mutate: (b) => withXmp(b, (x) => x.replace('<pdfaid:part>2</pdfaid:part>', '<pdfaid:part>1</pdfaid:part>')),
  },
  {
    clause: 'PDF/A-1 6.7.3 (no longer a PDF/A-2 rule; issue 27 asks for it)',
    title: 'XMP matches Info: dc:title, dc:creator, dc:description, pdf:Keywords, pdf:Producer, xmp:CreatorTool, xmp:CreateDate, xmp:ModifyDate and the Voortgang* keys',
    check(b) {
      const pdf = pdfOf(b);
      const info = pdf.dict(pdf.trailers[0]!.get('Info'))!;
      const xmp = xmpOf(pdf) ?? '';
      const date = (d: string | undefined) => d && d.replace(/^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-])(\d{2})'(\d{2})'$/, '$1-$2-$3T$4:$5:$6$7$8:$9');
      const pairs: Array<[string, string]> = [
        ['Title', 'dc:title'],
        ['Author', 'dc:creator'],
        ['Subject', 'dc:description'],
        ['Keywords', 'pdf:Keywords'],
        ['Producer', 'pdf:Producer'],
        ['Creator', 'xmp:CreatorTool'],
        ['CreationDate', 'xmp:CreateDate'],
        ['ModDate', 'xmp:ModifyDate'],
        ['VoortgangDocument', 'voortgang:Document'],
        ['VoortgangSourceHash', 'voortgang:SourceHash'],
        ['VoortgangBrowser', 'voortgang:Browser'],
      ];
      return pairs.flatMap(([key, prop]) => {
        const a = key.endsWith('Date') ? date(textOf(info.get(key))) : textOf(info.get(key));
        const x = xmpValue(xmp, prop);
        return a === undefined || a !== x ? [`Info ${key} ${JSON.stringify(a ?? null)}, XMP ${prop} ${JSON.stringify(x ?? null)}`] : [];
      });
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const info = refOf(pdf.trailers[0]!.get('Info'));
      return withObjects(b, { [info.num]: edited(pdf, info, { Title: '(Een andere titel)' }) });
    },
  },
  {
    clause: 'PDF/UA-1 5',
    title: 'XMP identifies the file as PDF/UA-1: pdfuaid:part 1',
    check(b) {
      const xmp = xmpOf(pdfOf(b)) ?? '';
      const p: string[] = [];
      if (xmpValue(xmp, 'pdfuaid:part') !== '1') p.push(`pdfuaid:part ${xmpValue(xmp, 'pdfuaid:part')}`);
      if (!/xmlns:pdfuaid="http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/"/.test(xmp)) p.push('pdfuaid is not http://www.aiim.org/pdfua/ns/id/');
      return p;
    },
    mutate: (b) => withXmp(b, (x) => x.replace(/\s*<pdfuaid:part>1<\/pdfuaid:part>/, '')),
  },
  {
    clause: 'PDF/UA-1 6.2, 7.1',
    title: 'tagged: /MarkInfo /Marked true, no /Suspects true, a StructTreeRoot',
    check(b) {
      const pdf = pdfOf(b);
      const mi = pdf.dict(catalog(pdf).get('MarkInfo'));
      const p: string[] = [];
      if (mi?.get('Marked') !== true) p.push('not /Marked true');
      if (mi?.get('Suspects') === true) p.push('/Suspects true');
      if (!pdf.dict(catalog(pdf).get('StructTreeRoot'))) p.push('no StructTreeRoot');
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      return withObjects(b, { [rootRef(pdf).num]: edited(pdf, rootRef(pdf), { MarkInfo: '<</Marked false>>' }) });
    },
  },
  {
    clause: 'PDF/UA-1 7.1',
    title: 'the title: dc:title in the XMP and /ViewerPreferences /DisplayDocTitle true',
    check(b) {
      const pdf = pdfOf(b);
      const p: string[] = [];
      if (!xmpValue(xmpOf(pdf) ?? '', 'dc:title')) p.push('no dc:title');
      if (pdf.dict(catalog(pdf).get('ViewerPreferences'))?.get('DisplayDocTitle') !== true) p.push('no DisplayDocTitle true');
      return p;
    },
    mutate: (b) => withXmp(b, (x) => x.replace(/\s*<dc:title>[\s\S]*?<\/dc:title>/, '')),
  },
  {
    clause: 'PDF/UA-1 7.1 (7.1-5)',
    title: 'every structure type is a standard type of ISO 32000-1 or role-mapped to one',
    check(b) {
      const pdf = pdfOf(b);
      const roleMap = pdf.dict(pdf.dict(catalog(pdf).get('StructTreeRoot'))?.get('RoleMap')) ?? new Map();
      const types = new Set(structElems(pdf).map(([, d]) => nameOf(d.get('S'))!));
      return [...types].filter((t) => !STANDARD_TYPES.has(t) && !STANDARD_TYPES.has(nameOf(roleMap.get(t)) ?? '')).map((t) => `/${t} is neither standard nor mapped`);
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const tree = refOf(catalog(pdf).get('StructTreeRoot'));
      return withObjects(b, { [tree.num]: edited(pdf, tree, { RoleMap: undefined }) });
    },
  },
  {
    clause: 'PDF/UA-1 7.2',
    title: 'the natural language: /Lang in the catalog, a valid language tag',
    check(b) {
      const lang = textOf(catalog(pdfOf(b)).get('Lang'));
      return lang && /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(lang) ? [] : [`/Lang ${JSON.stringify(lang ?? null)}`];
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      return withObjects(b, { [rootRef(pdf).num]: edited(pdf, rootRef(pdf), { Lang: undefined }) });
    },
  },
  {
    clause: 'PDF/UA-1 7.2 (7.2-17, 7.2-18, 7.2-20)',
    title: 'lists: an LI holds only Lbl and LBody and sits in an L, an LBody sits in an LI',
    check(b) {
      const pdf = pdfOf(b);
      const p: string[] = [];
      const type = (v: PdfValue | undefined) => nameOf(pdf.dict(v)?.get('S'));
      for (const [n, d] of structElems(pdf)) {
        const s = nameOf(d.get('S'));
        if (s === 'LI') {
          const k = pdf.get(d.get('K'));
          for (const kid of Array.isArray(k) ? k : [k]) if (!['Lbl', 'LBody'].includes((kid instanceof Ref && type(kid)) || String(kid))) p.push(`LI ${n}: holds ${kid instanceof Ref ? `/${type(kid)}` : `content ${serialize(kid ?? null)}`}`);
          if (type(d.get('P')) !== 'L') p.push(`LI ${n}: in /${type(d.get('P'))}`);
        }
        if (s === 'LBody' && type(d.get('P')) !== 'LI') p.push(`LBody ${n}: in /${type(d.get('P'))}`);
      }
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [n] = structElems(pdf).find(([, d]) => nameOf(d.get('S')) === 'LBody') ?? structElems(pdf).find(([, d]) => nameOf(d.get('S')) === 'P')!;
      const li = structElems(pdf).find(([, d]) => nameOf(d.get('S')) === 'LI');
      // The letter has no list: turn one of its paragraphs into an LI's body-less item; the bijlage's LBody into a P.
      return li ? withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { S: '/P' }) }) : withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { S: '/LI' }) });
    },
  },
  {
    clause: 'PDF/UA-1 7.1 (7.1-12; ISO 32000-1 14.7.2, 14.7.4.4)',
    title: 'the structure tree holds together: every element names its parent, which holds it, and the parent tree names, for each marked-content id, the element that holds it',
    check(b) {
      const pdf = pdfOf(b);
      const p: string[] = [];
      const tree = pdf.dict(catalog(pdf).get('StructTreeRoot'))!;
      const parents = new Map(treeEntries(pdf, tree.get('ParentTree')).map(([k, v]) => [k as number, pdf.get(v)]));
      const pageKey = new Map(pdf.pages().map(({ dict }) => [dict, dict.get('StructParents') as number]));
      for (const [n, d] of structElems(pdf)) {
        const parent = pdf.dict(d.get('P'));
        const held = parent && [...walk(parent.get('K'))].some((k) => k instanceof Ref && k.num === n);
        if (!held) p.push(`element ${n} (/${nameOf(d.get('S'))}): its /P does not hold it`);
        const k = pdf.get(d.get('K'));
        const page = pdf.dict(d.get('Pg'));
        for (const kid of Array.isArray(k) ? k : [k]) {
          if (typeof kid !== 'number' || !page) continue;
          const array = parents.get(pageKey.get(page)!);
          const named = Array.isArray(array) ? array[kid] : undefined;
          if (!(named instanceof Ref) || named.num !== n) p.push(`element ${n}: MCID ${kid} is named for ${named instanceof Ref ? named.num : 'nothing'} in the parent tree`);
        }
      }
      return p;
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [n, d] = structElems(pdf).find(([, x]) => typeof pdf.get(x.get('K')) === 'number' || (Array.isArray(pdf.get(x.get('K'))) && (pdf.get(x.get('K')) as PdfValue[]).some((k) => typeof k === 'number')))!;
      const parent = refOf(d.get('P'));
      // The element's marked content handed to its parent in the parent tree, as before an LBody took it over.
      const page = pdf.dict(d.get('Pg'))!;
      const key = page.get('StructParents') as number;
      const entry = treeEntries(pdf, pdf.dict(catalog(pdf).get('StructTreeRoot'))!.get('ParentTree')).find(([k]) => k === key)![1];
      const array = (pdf.get(entry) as PdfValue[]).map((r) => (r instanceof Ref && r.num === n ? parent : r));
      return withObjects(b, { [refOf(entry).num]: serialize(array) });
    },
  },
  {
    clause: 'PDF/UA-1 7.3',
    title: 'every Figure has a text alternative (/Alt or /ActualText)',
    check(b) {
      return structElems(pdfOf(b)).flatMap(([n, d]) => (nameOf(d.get('S')) === 'Figure' && !textOf(d.get('Alt')) && !d.has('ActualText') ? [`figure ${n}: no /Alt`] : []));
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [n] = structElems(pdf).find(([, d]) => nameOf(d.get('S')) === 'P')!;
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { S: '/Figure', Alt: undefined, ActualText: undefined }) });
    },
  },
  {
    clause: 'PDF/UA-1 7.18.3',
    title: 'every page with annotations has /Tabs /S',
    check(b) {
      const pdf = pdfOf(b);
      return pdf.pages().flatMap(({ dict }, i) => {
        const annots = pdf.get(dict.get('Annots'));
        return Array.isArray(annots) && annots.length && nameOf(dict.get('Tabs')) !== 'S' ? [`page ${i + 1}: /Tabs ${serialize(dict.get('Tabs') ?? null)}`] : [];
      });
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const page = pdf.pages().find(({ dict }) => Array.isArray(pdf.get(dict.get('Annots'))))!.dict;
      const n = [...pdf.scanned.keys()].find((k) => pdf.object(k) === page)!;
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { Tabs: undefined }) });
    },
  },
  {
    clause: 'PDF/UA-1 7.18.5 (7.18.5-1)',
    title: 'every link annotation is tagged: its /StructParent leads to a Link structure element that holds it',
    check(b) {
      const pdf = pdfOf(b);
      const tree = pdf.dict(catalog(pdf).get('StructTreeRoot'))!;
      const parents = new Map(treeEntries(pdf, tree.get('ParentTree')).map(([k, v]) => [k as number, v]));
      return links(pdf).flatMap(([n, d]) => {
        const key = d.get('StructParent');
        const elem = typeof key === 'number' ? pdf.dict(parents.get(key)) : undefined;
        if (!elem || nameOf(elem.get('S')) !== 'Link') return [`link ${n}: its structure parent is ${elem ? `/${nameOf(elem.get('S'))}` : 'missing'}`];
        const kids = [...walk(elem.get('K'))].filter((k) => isDict(k) && nameOf(k.get('Type')) === 'OBJR').map((k) => ((k as PdfDict).get('Obj') as Ref).num);
        return kids.includes(n) ? [] : [`link ${n}: its Link element does not reference it`];
      });
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const n = firstLink(pdf);
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { StructParent: undefined }) });
    },
  },
  {
    clause: 'PDF/UA-1 7.18.5 (7.18.5-2)',
    title: 'every link annotation has an alternate description in /Contents',
    check(b) {
      const all = links(pdfOf(b));
      if (all.length === 0) return ['no links found: the check did not see them'];
      return all.flatMap(([n, d]) => (textOf(d.get('Contents'))?.trim() ? [] : [`link ${n}: no /Contents`]));
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const n = firstLink(pdf);
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { Contents: undefined }) });
    },
  },
  {
    clause: 'PDF/UA-1 7.21.7',
    title: 'every font maps its character codes to Unicode (/ToUnicode)',
    check(b) {
      const pdf = pdfOf(b);
      return fonts(pdf).flatMap(([n, d]) => (nameOf(d.get('Subtype')) !== 'CIDFontType2' && nameOf(d.get('Subtype')) !== 'CIDFontType0' && !isStream(pdf.get(d.get('ToUnicode'))) ? [`font ${n}: no /ToUnicode`] : []));
    },
    mutate: (b) => {
      const pdf = pdfOf(b);
      const [n] = fonts(pdf).find(([, d]) => nameOf(d.get('Subtype')) === 'Type0')!;
      return withObjects(b, { [n]: edited(pdf, new Ref(n, 0), { ToUnicode: undefined }) });
    },
  },
];

function tableOffset(font: Buffer, tag: string): number | undefined {
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) if (font.toString('latin1', 12 + i * 16, 16 + i * 16) === tag) return font.readUInt32BE(12 + i * 16 + 8);
  return undefined;
}

/** A TrueType program's glyph count, and each glyph's outline length (loca) and advance. */
function trueType(font: Buffer): { numGlyphs: number; outlineLength(gid: number): number; advance(gid: number): number | undefined } {
  const maxp = tableOffset(font, 'maxp');
  const head = tableOffset(font, 'head');
  const loca = tableOffset(font, 'loca');
  const numGlyphs = maxp === undefined ? 0 : font.readUInt16BE(maxp + 4);
  const long = head !== undefined && font.readInt16BE(head + 50) === 1;
  const at = (gid: number) => (loca === undefined ? 0 : long ? font.readUInt32BE(loca + gid * 4) : font.readUInt16BE(loca + gid * 2) * 2);
  return { numGlyphs, outlineLength: (gid) => (gid + 1 <= numGlyphs ? at(gid + 1) - at(gid) : 0), advance: trueTypeAdvances(font) };
}

/** A TrueType program's advance widths in 1/1000 em, by glyph id (head unitsPerEm, hhea numberOfHMetrics, hmtx). */
function trueTypeAdvances(font: Buffer): (gid: number) => number | undefined {
  const tables = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) tables.set(font.toString('latin1', 12 + i * 16, 16 + i * 16), font.readUInt32BE(12 + i * 16 + 8));
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  if (head === undefined || hhea === undefined || hmtx === undefined) return () => undefined;
  const unitsPerEm = font.readUInt16BE(head + 18);
  const metrics = font.readUInt16BE(hhea + 34);
  return (gid) => {
    const at = hmtx + Math.min(gid, metrics - 1) * 4;
    return at + 2 <= font.length ? (font.readUInt16BE(at) * 1000) / unitsPerEm : undefined;
  };
}

/** The CIDs each CIDFont (by object number) shows: Tj, TJ, ' and " of the pages' content and their forms, under Tf of a Type0 font. */
function shownCids(pdf: PdfFile): Map<number, Set<number>> {
  const shown = new Map<number, Set<number>>();
  const seen = new Set<PdfValue>();
  const visit = (contents: PdfValue[], resources: PdfDict | undefined) => {
    const fonts = pdf.dict(resources?.get('Font'));
    const xobjects = pdf.dict(resources?.get('XObject'));
    for (const c of contents) {
      const s = pdf.get(c);
      if (!isStream(s) || seen.has(s)) continue;
      seen.add(s);
      const lx = new Lexer(streamData(s));
      const operands: PdfValue[] = [];
      let cids: Set<number> | undefined;
      for (let v = lx.value(); v !== undefined; v = lx.value()) {
        if (!(v instanceof Op)) {
          operands.push(v);
          continue;
        }
        if (v.op === 'Tf') {
          const font = fonts?.get(nameOf(operands[0]) ?? '');
          const descendant = (pdf.get(pdf.dict(font)?.get('DescendantFonts')) as PdfValue[] | undefined)?.[0];
          cids = descendant instanceof Ref ? shown.get(descendant.num) ?? shown.set(descendant.num, new Set()).get(descendant.num) : undefined;
        } else if (['Tj', 'TJ', "'", '"'].includes(v.op) && cids) {
          for (const x of walk(operands.at(-1))) if (x instanceof PdfString) for (let i = 0; i + 1 < x.bytes.length; i += 2) cids.add(x.bytes.readUInt16BE(i));
        } else if (v.op === 'Do') {
          const form = pdf.get(xobjects?.get(nameOf(operands[0]) ?? ''));
          if (isStream(form) && nameOf(form.dict.get('Subtype')) === 'Form') visit([form], pdf.dict(form.dict.get('Resources')) ?? resources);
        }
        operands.length = 0;
      }
    }
  };
  for (const { dict, resources } of pdf.pages()) {
    const c = pdf.get(dict.get('Contents'));
    visit(Array.isArray(c) ? c : [dict.get('Contents')!], resources);
  }
  return shown;
}
