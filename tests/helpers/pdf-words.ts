import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { isDict, isStream, Lexer, Name, Op, PdfFile, PdfString, Ref, streamData, treeEntries, type PdfDict, type PdfValue } from './pdf-objects.js';

/**
 * Every place a word can hide in a PDF, each as its own channel of text, for checks that a word is nowhere in
 * a file — and for controls that the same check does find it where it is.
 *
 * - `pageText`: the text a reader extracts, through each font's ToUnicode map (pdfjs-dist's getTextContent);
 * - `contentText`: an independent decode of every text operator (Tj, TJ, ', ") of every content stream — the
 *   pages, the form XObjects they draw, the annotations' appearance streams — through the fonts' ToUnicode
 *   maps, invisible text (render mode 3) and text outside the page included;
 * - `bookmarks`: the outline's titles (and their actions);
 * - `destinations`: the names of named destinations;
 * - `info`: every document information dictionary of the file (each incremental update may add one);
 * - `xmp`: XMP metadata streams (the catalog's and any other object's);
 * - `annotations`: every string of every annotation and its actions (link URIs, /Contents, /T, /RC …);
 * - `structure`: the structure tree's /Alt, /ActualText, /T and /E, and marked content's properties;
 * - `embeddedFiles`: attached files' names, descriptions and contents;
 * - `formFields`: AcroForm fields' names, tooltips, values and options;
 * - `everything`: every string and name of every object, also older versions an update superseded, and every
 *   stream's data — what none of the above thought of.
 */
export const CHANNELS = ['pageText', 'contentText', 'bookmarks', 'destinations', 'info', 'xmp', 'annotations', 'structure', 'embeddedFiles', 'formFields', 'everything'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface PdfWords {
  /** Each channel as read by either reader. */
  channels: Record<Channel, string>;
  /** The same, per reader: our own object reader, and pdfjs-dist (which reads only some channels). */
  bySource: { own: Record<Channel, string>; pdfjs: Partial<Record<Channel, string>> };
  /** Fonts that draw text but have no ToUnicode map (their text cannot be read back: checks on them are blind). */
  fontsWithoutToUnicode: string[];
}

/** A word, phrase or number found in a channel's text: case, whitespace, hyphens and soft hyphens ignored. */
export function contains(text: string, needle: string): boolean {
  let hay = squashed.get(text);
  if (hay === undefined) {
    if (squashed.size > 64) squashed.clear();
    squashed.set(text, (hay = squash(text)));
  }
  return hay.includes(squash(needle));
}
const squashed = new Map<string, string>();
const squash = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\u00ad\u200b\-\u2010\u2011]/g, '');

export async function pdfWords(file: string): Promise<PdfWords> {
  const buf = readFileSync(file);
  const pdf = new PdfFile(buf);
  const own = ownChannels(pdf);
  const viaPdfjs = await pdfjsChannels(buf);
  const channels = Object.fromEntries(CHANNELS.map((c) => [c, [...(own.channels[c] ?? []), ...(viaPdfjs[c] ?? [])].join('\n')])) as Record<Channel, string>;
  const bySource = {
    own: Object.fromEntries(CHANNELS.map((c) => [c, (own.channels[c] ?? []).join('\n')])) as Record<Channel, string>,
    pdfjs: Object.fromEntries(Object.entries(viaPdfjs).map(([c, v]) => [c, v.join('\n')])) as Partial<Record<Channel, string>>,
  };
  return { channels, bySource, fontsWithoutToUnicode: own.fontsWithoutToUnicode };
}

// ——— pdfjs-dist: what a PDF reader shows ———

// The standard 14 fonts' metrics, from the package (a planted control uses Helvetica, not embedded).
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function pdfjsChannels(buf: Buffer): Promise<Partial<Record<Channel, string[]>>> {
  const doc = await getDocument({ data: new Uint8Array(buf), useSystemFonts: false, isEvalSupported: false, stopAtErrors: false, standardFontDataUrl, verbosity: 0 }).promise;
  const out: Partial<Record<Channel, string[]>> = { pageText: [], bookmarks: [], destinations: [], info: [], xmp: [], annotations: [], structure: [], embeddedFiles: [], formFields: [] };
  try {
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent({ includeMarkedContent: false });
      out.pageText!.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
      for (const a of await page.getAnnotations()) out.annotations!.push(allStrings(a).join('\n'));
      const tree = await page.getStructTree();
      if (tree) out.structure!.push(allStrings(tree).join('\n'));
    }
    const titles = (items: Array<{ title: string; url?: string | null; unsafeUrl?: string; items: unknown[] }> | null): string[] =>
      (items ?? []).flatMap((it) => [it.title, it.url ?? '', it.unsafeUrl ?? '', ...titles(it.items as never)]);
    out.bookmarks!.push(...titles((await doc.getOutline()) as never));
    out.destinations!.push(...Object.keys(await doc.getDestinations()));
    const meta = await doc.getMetadata();
    out.info!.push(allStrings(meta.info).join('\n'));
    const md = meta.metadata as unknown as { getRaw?: () => string; getAll?: () => unknown } | null;
    if (md) out.xmp!.push(md.getRaw?.() ?? '', allStrings(md.getAll?.()).join('\n'));
    const att = (await doc.getAttachments()) as Record<string, { filename: string; description?: string; content: Uint8Array }> | null;
    for (const [k, a] of Object.entries(att ?? {})) out.embeddedFiles!.push(k, a.filename, a.description ?? '', decodeBytes(Buffer.from(a.content)));
    const fields = await doc.getFieldObjects();
    if (fields) out.formFields!.push(...Object.keys(fields), allStrings(fields).join('\n'));
  } finally {
    await doc.destroy();
  }
  return out;
}

function allStrings(v: unknown, seen = new Set<unknown>()): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) return [];
  seen.add(v);
  return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => (typeof x === 'string' ? [k === 'id' ? '' : x] : allStrings(x, seen)));
}

const decodeBytes = (b: Buffer) => `${b.toString('utf8')}\n${b.toString('latin1')}\n${b.length % 2 === 0 ? Buffer.from(b).swap16().toString('utf16le') : ''}`;

// ——— our own reading of the objects ———

function ownChannels(pdf: PdfFile): { channels: Partial<Record<Channel, string[]>>; fontsWithoutToUnicode: string[] } {
  const ch: Record<Channel, string[]> = Object.fromEntries(CHANNELS.map((c) => [c, [] as string[]])) as never;
  const root = pdf.root;
  const blind = new Set<string>();
  const marked: string[] = [];
  const text = new ContentText(pdf, blind, marked);

  // Page text and annotations (with their appearance streams, drawn the same way).
  for (const { dict, resources } of pdf.pages()) {
    ch.contentText.push(text.draw(contentsOf(pdf, dict.get('Contents')), resources));
    const annots = pdf.get(dict.get('Annots'));
    for (const a of Array.isArray(annots) ? annots : []) {
      const ad = pdf.dict(a);
      if (!ad) continue;
      ch.annotations.push(stringsUnder(pdf, ad, new Set(['P', 'Parent', 'StructParent', 'AP'])).join('\n'));
      const ap = pdf.dict(ad.get('AP'));
      for (const kind of ['N', 'R', 'D']) {
        const v = pdf.get(ap?.get(kind));
        const forms = isStream(v) ? [v] : isDict(v) ? [...v.values()].map((x) => pdf.get(x)).filter(isStream) : [];
        for (const f of forms) ch.annotations.push(text.draw(streamData(f), pdf.dict(f.dict.get('Resources'))));
      }
    }
  }

  // Bookmarks: /Outlines → /First … /Next, each /Title and its action.
  const outline = (v: PdfValue | undefined, seen: Set<PdfDict>) => {
    for (let d = pdf.dict(v); d && !seen.has(d); d = pdf.dict(d.get('Next'))) {
      seen.add(d);
      ch.bookmarks.push(str(pdf.get(d.get('Title'))), stringsUnder(pdf, pdf.get(d.get('A')), new Set(['P', 'Parent'])).join('\n'));
      outline(d.get('First'), seen);
    }
  };
  outline(pdf.dict(root?.get('Outlines'))?.get('First'), new Set());

  // Named destinations: the catalog's /Dests dictionary and the /Names /Dests tree.
  const names = pdf.dict(root?.get('Names'));
  ch.destinations.push(...[...(pdf.dict(root?.get('Dests'))?.keys() ?? [])], ...treeEntries(pdf, names?.get('Dests')).map(([k]) => str(pdf.get(k))));

  // Document information: every trailer's /Info.
  for (const t of pdf.trailers) ch.info.push(stringsUnder(pdf, pdf.get(t.get('Info')), new Set()).join('\n'));

  // XMP: any stream of /Type /Metadata (the catalog's /Metadata, a page's, a font's …).
  for (const o of pdf.allObjects()) if (isStream(o) && nameOf(o.dict.get('Type')) === 'Metadata') ch.xmp.push(decodeBytes(streamData(o)));
  const catalogXmp = pdf.get(root?.get('Metadata'));
  if (isStream(catalogXmp)) ch.xmp.push(decodeBytes(streamData(catalogXmp)));

  // The structure tree: every element's /Alt, /ActualText, /T, /E (and /Lang); marked-content properties.
  const struct = (v: PdfValue | undefined, seen: Set<unknown>) => {
    const x = pdf.get(v);
    if (x === undefined || x === null || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) for (const k of x) struct(k, seen);
    else if (isDict(x)) {
      for (const key of ['Alt', 'ActualText', 'T', 'E', 'Lang']) {
        const s = pdf.get(x.get(key));
        if (s instanceof PdfString) ch.structure.push(s.text());
      }
      struct(x.get('K'), seen);
    }
  };
  struct(pdf.dict(root?.get('StructTreeRoot'))?.get('K'), new Set());
  ch.structure.push(...marked);

  // Embedded files: the /Names /EmbeddedFiles tree, the catalog's /AF, and any file specification with /EF.
  for (const [k, spec] of treeEntries(pdf, names?.get('EmbeddedFiles'))) ch.embeddedFiles.push(str(pdf.get(k)), fileSpec(pdf, spec));
  const af = pdf.get(root?.get('AF'));
  for (const spec of Array.isArray(af) ? af : []) ch.embeddedFiles.push(fileSpec(pdf, spec));
  for (const o of pdf.allObjects()) if (isDict(o) && o.has('EF')) ch.embeddedFiles.push(fileSpec(pdf, o));

  // Form fields: /AcroForm /Fields and their /Kids.
  const field = (v: PdfValue | undefined, seen: Set<PdfDict>) => {
    const d = pdf.dict(v);
    if (!d || seen.has(d)) return;
    seen.add(d);
    for (const key of ['T', 'TU', 'TM', 'V', 'DV', 'Opt', 'RV', 'DS']) ch.formFields.push(stringsUnder(pdf, d.get(key), new Set(['P', 'Parent'])).join('\n'));
    const kids = pdf.get(d.get('Kids'));
    for (const k of Array.isArray(kids) ? kids : []) field(k, seen);
  };
  const acro = pdf.dict(root?.get('AcroForm'));
  const fields = pdf.get(acro?.get('Fields'));
  for (const f of Array.isArray(fields) ? fields : []) field(f, new Set());
  const xfa = pdf.get(acro?.get('XFA'));
  for (const x of Array.isArray(xfa) ? xfa : [xfa]) {
    const s = pdf.get(x);
    if (isStream(s)) ch.formFields.push(decodeBytes(streamData(s)));
  }

  // Everything: every string and name of every object (older versions too), and every stream's data.
  for (const o of pdf.allObjects()) {
    ch.everything.push(stringsUnder(pdf, o, new Set(), false).join('\n'));
    if (isStream(o)) ch.everything.push(decodeBytes(streamData(o)));
  }
  ch.everything.push(...ch.contentText, ...ch.annotations);
  return { channels: ch, fontsWithoutToUnicode: [...blind] };
}

const nameOf = (v: PdfValue | undefined) => (v instanceof Name ? v.name : undefined);
const str = (v: PdfValue | undefined) => (v instanceof PdfString ? v.text() : v instanceof Name ? v.name : '');

function fileSpec(pdf: PdfFile, spec: PdfValue | undefined): string {
  const d = pdf.dict(spec);
  if (!d) return str(pdf.get(spec));
  const out = [str(pdf.get(d.get('F'))), str(pdf.get(d.get('UF'))), str(pdf.get(d.get('Desc')))];
  const ef = pdf.dict(d.get('EF'));
  for (const v of ef?.values() ?? []) {
    const s = pdf.get(v);
    if (isStream(s)) out.push(decodeBytes(streamData(s)));
  }
  return out.join('\n');
}

/** Every string and name under a value, following references (not into `skip` keys; once per object). */
function stringsUnder(pdf: PdfFile, v: PdfValue | undefined, skip: Set<string>, follow = true, seen = new Set<unknown>()): string[] {
  if (v instanceof PdfString) return [v.text()];
  if (v instanceof Name) return [v.name];
  if (v instanceof Ref) {
    if (!follow || seen.has(v.num)) return [];
    seen.add(v.num);
    return stringsUnder(pdf, pdf.object(v.num), skip, follow, seen);
  }
  if (Array.isArray(v)) return v.flatMap((x) => stringsUnder(pdf, x, skip, follow, seen));
  const d = isDict(v) ? v : isStream(v) ? v.dict : undefined;
  if (!d) return [];
  return [...d].flatMap(([k, x]) => (skip.has(k) ? [] : [k, ...stringsUnder(pdf, x, skip, follow, seen)]));
}

function contentsOf(pdf: PdfFile, v: PdfValue | undefined): Buffer {
  const c = pdf.get(v);
  if (isStream(c)) return streamData(c);
  if (Array.isArray(c))
    return Buffer.concat(
      c.flatMap((x) => {
        const s = pdf.get(x);
        return isStream(s) ? [streamData(s), Buffer.from('\n')] : [];
      }),
    );
  return Buffer.alloc(0);
}

// ——— text operators through ToUnicode ———

interface CMap {
  /** Code lengths in bytes that the codespace ranges allow, shortest first. */
  lengths: Array<{ bytes: number; low: number; high: number }>;
  map: Map<string, string>; // `${bytes}:${code}` → text
}

/** A ToUnicode CMap: codespace ranges, bfchar and bfrange (both forms). */
export function parseCMap(data: Buffer): CMap {
  const lx = new Lexer(data);
  const cmap: CMap = { lengths: [], map: new Map() };
  const toText = (s: PdfString) => {
    const b = Buffer.from(s.bytes);
    if (b.length % 2) return b.toString('latin1');
    return b.swap16().toString('utf16le');
  };
  const code = (s: PdfString) => s.bytes.reduce((a, x) => a * 256 + x, 0);
  const args: PdfValue[] = [];
  for (let v = lx.value(); v !== undefined; v = lx.value()) {
    if (!(v instanceof Op) || v.op === ']') {
      args.push(v);
      continue;
    }
    if (v.op === 'endcodespacerange') {
      for (let i = 0; i + 1 < args.length; i += 2) {
        const lo = args[i] as PdfString;
        const hi = args[i + 1] as PdfString;
        cmap.lengths.push({ bytes: lo.bytes.length, low: code(lo), high: code(hi) });
      }
    } else if (v.op === 'endbfchar') {
      for (let i = 0; i + 1 < args.length; i += 2) {
        const src = args[i] as PdfString;
        cmap.map.set(`${src.bytes.length}:${code(src)}`, toText(args[i + 1] as PdfString));
      }
    } else if (v.op === 'endbfrange') {
      for (let i = 0; i + 2 < args.length; i += 3) {
        const lo = args[i] as PdfString;
        const hi = code(args[i + 1] as PdfString);
        const dst = args[i + 2]!;
        for (let c = code(lo), k = 0; c <= hi && k < 65536; c++, k++) {
          let t: string;
          if (Array.isArray(dst)) t = toText(dst[k] as PdfString);
          else {
            const d = Buffer.from((dst as PdfString).bytes);
            if (d.length >= 2) d.writeUInt16BE((d.readUInt16BE(d.length - 2) + k) & 0xffff, d.length - 2);
            else if (d.length === 1) d[0] = (d[0]! + k) & 0xff;
            t = toText(new PdfString(d));
          }
          cmap.map.set(`${lo.bytes.length}:${c}`, t);
        }
      }
    }
    args.length = 0;
  }
  cmap.lengths.sort((a, b) => a.bytes - b.bytes);
  return cmap;
}

function decodeWith(cmap: CMap | undefined, bytes: Buffer, twoByte: boolean): string {
  if (!cmap) return twoByte ? '' : bytes.toString('latin1');
  let out = '';
  let i = 0;
  const lengths = cmap.lengths.length ? cmap.lengths : [{ bytes: twoByte ? 2 : 1, low: 0, high: twoByte ? 0xffff : 0xff }];
  while (i < bytes.length) {
    let matched = false;
    for (const l of lengths) {
      if (i + l.bytes > bytes.length) continue;
      const c = bytes.readUIntBE(i, l.bytes);
      if (c < l.low || c > l.high) continue;
      out += cmap.map.get(`${l.bytes}:${c}`) ?? '';
      i += l.bytes;
      matched = true;
      break;
    }
    if (!matched) i++;
  }
  return out;
}

/** Interprets content streams: the text of every text-showing operator, decoded through the current font. */
class ContentText {
  private readonly cmaps = new Map<PdfDict, CMap | undefined>();
  constructor(
    private readonly pdf: PdfFile,
    private readonly blind: Set<string>,
    private readonly marked: string[],
  ) {}

  draw(data: Buffer, resources: PdfDict | undefined, depth = 0): string {
    const pdf = this.pdf;
    const fonts = pdf.dict(resources?.get('Font'));
    const xobjects = pdf.dict(resources?.get('XObject'));
    const properties = pdf.dict(resources?.get('Properties'));
    const lx = new Lexer(data);
    const out: string[] = [];
    let font: { dict: PdfDict; name: string } | undefined;
    let args: PdfValue[] = [];
    const show = (s: PdfValue) => {
      if (!(s instanceof PdfString) || !font) return;
      out.push(this.decode(font.dict, font.name, s.bytes));
    };
    for (let v = lx.valueWithRef(); v !== undefined; v = lx.valueWithRef()) {
      if (!(v instanceof Op) || v.op === ']') {
        if (v instanceof Op) continue;
        args.push(v);
        continue;
      }
      switch (v.op) {
        case 'BI': {
          // inline image: skip to EI
          const end = data.indexOf('EI', lx.pos, 'latin1');
          lx.pos = end < 0 ? data.length : end + 2;
          break;
        }
        case 'Tf': {
          const n = args[0];
          const d = n instanceof Name ? pdf.dict(fonts?.get(n.name)) : undefined;
          font = d && n instanceof Name ? { dict: d, name: n.name } : undefined;
          break;
        }
        case 'Tj':
        case "'":
          show(args.at(-1)!);
          out.push(' ');
          break;
        case '"':
          show(args[2]!);
          out.push(' ');
          break;
        case 'TJ': {
          const arr = args.at(-1);
          if (Array.isArray(arr))
            for (const x of arr) {
              if (typeof x === 'number' && x < -200) out.push(' ');
              else show(x);
            }
          out.push(' ');
          break;
        }
        case 'T*':
        case 'Td':
        case 'TD':
        case 'Tm':
        case 'ET':
          out.push(' ');
          break;
        case 'BDC':
        case 'DP': {
          const p = args.at(-1);
          const d = p instanceof Name ? pdf.dict(properties?.get(p.name)) : pdf.dict(p);
          if (d) for (const key of ['ActualText', 'Alt', 'E', 'T', 'Lang']) this.marked.push(str(pdf.get(d.get(key))));
          break;
        }
        case 'Do': {
          const n = args[0];
          const x = n instanceof Name ? pdf.get(xobjects?.get(n.name)) : undefined;
          if (isStream(x) && nameOf(x.dict.get('Subtype')) === 'Form' && depth < 16) out.push(' ', this.draw(streamData(x), pdf.dict(x.dict.get('Resources')) ?? resources, depth + 1), ' ');
          break;
        }
      }
      args = [];
    }
    return out.join('').replace(/ +/g, ' ');
  }

  private decode(font: PdfDict, name: string, bytes: Buffer): string {
    const pdf = this.pdf;
    const type0 = nameOf(font.get('Subtype')) === 'Type0';
    if (!this.cmaps.has(font)) {
      const tu = pdf.get(font.get('ToUnicode'));
      this.cmaps.set(font, isStream(tu) ? parseCMap(streamData(tu)) : undefined);
    }
    const cmap = this.cmaps.get(font);
    if (!cmap) this.blind.add(`${name} (${nameOf(font.get('BaseFont')) ?? '?'})`);
    return decodeWith(cmap, bytes, type0);
  }
}
