import { inflateSync } from 'node:zlib';

/**
 * A small PDF object reader, independent of pdfjs-dist: the cross-reference chain (tables and streams, every
 * /Prev), object streams, and the objects themselves, for tests that look into every corner of a file.
 */

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class Name {
  constructor(readonly name: string) {}
}
export class Op {
  constructor(readonly op: string) {}
}
/** A string's bytes, as written (a PDF string is bytes; its meaning depends on where it is used). */
export class PdfString {
  constructor(readonly bytes: Buffer) {}
  /** As text: UTF-16BE with its BOM, UTF-8 with its BOM, else PDFDocEncoding (≈ latin1). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      const swapped = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
    return b.toString('latin1');
  }
}
export type PdfDict = Map<string, PdfValue>;
export interface PdfStream {
  dict: PdfDict;
  raw: Buffer;
}
export type PdfValue = number | boolean | null | Name | PdfString | Ref | PdfValue[] | PdfDict | PdfStream | Op;

export const isDict = (v: unknown): v is PdfDict => v instanceof Map;
export const isStream = (v: unknown): v is PdfStream => typeof v === 'object' && v !== null && 'raw' in v && 'dict' in v;

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/** Reads PDF tokens and values from bytes (objects, and content streams: operators come back as Op). */
export class Lexer {
  pos: number;
  constructor(
    readonly buf: Buffer,
    pos = 0,
  ) {
    this.pos = pos;
  }

  skipWs(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  /** The next value; operators (any bare word that is not a number, true, false, null) as Op. */
  value(): PdfValue | undefined {
    this.skipWs();
    const b = this.buf;
    if (this.pos >= b.length) return undefined;
    const c = b[this.pos]!;
    if (c === 0x2f) return this.name();
    if (c === 0x28) return this.literal();
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return this.dict();
      }
      return this.hex();
    }
    if (c === 0x5b) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (this.pos >= b.length) return arr;
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return arr;
        }
        const v = this.valueWithRef();
        if (v === undefined) return arr;
        arr.push(v);
      }
    }
    if (c === 0x5d || c === 0x3e || c === 0x7b || c === 0x7d || c === 0x29) {
      this.pos++;
      return new Op(String.fromCharCode(c));
    }
    const start = this.pos;
    while (this.pos < b.length && !WS.has(b[this.pos]!) && !DELIM.has(b[this.pos]!)) this.pos++;
    const word = b.toString('latin1', start, this.pos);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new Op(word);
  }

  /** A value, where `n g R` is read as a reference. */
  valueWithRef(): PdfValue | undefined {
    const v = this.value();
    if (typeof v === 'number' && Number.isInteger(v)) {
      const save = this.pos;
      const g = this.value();
      if (typeof g === 'number' && Number.isInteger(g)) {
        const r = this.value();
        if (r instanceof Op && r.op === 'R') return new Ref(v, g);
      }
      this.pos = save;
    }
    return v;
  }

  private dict(): PdfDict {
    const d: PdfDict = new Map();
    const b = this.buf;
    for (;;) {
      this.skipWs();
      if (this.pos >= b.length) return d;
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return d;
      }
      const k = this.value();
      if (!(k instanceof Name)) {
        if (k === undefined) return d;
        continue; // malformed: skip it
      }
      const v = this.valueWithRef();
      if (v === undefined) return d;
      d.set(k.name, v);
    }
  }

  private name(): Name {
    const b = this.buf;
    const start = ++this.pos;
    while (this.pos < b.length && !WS.has(b[this.pos]!) && !DELIM.has(b[this.pos]!)) this.pos++;
    const raw = b.toString('latin1', start, this.pos);
    const bytes = Buffer.from(raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return new Name(bytes.toString('utf8').includes('\uFFFD') ? bytes.toString('latin1') : bytes.toString('utf8'));
  }

  private literal(): PdfString {
    const b = this.buf;
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x5c) {
        const e = b[this.pos++]!;
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (e in simple) out.push(simple[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let oct = e - 0x30;
          for (let i = 0; i < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; i++) oct = oct * 8 + (b[this.pos++]! - 0x30);
          out.push(oct & 0xff);
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) break;
        out.push(c);
      } else out.push(c);
    }
    return new PdfString(Buffer.from(out));
  }

  private hex(): PdfString {
    const b = this.buf;
    const end = b.indexOf(0x3e, this.pos);
    const digits = b.toString('latin1', this.pos + 1, end < 0 ? b.length : end).replace(/[^0-9A-Fa-f]/g, '');
    this.pos = end < 0 ? b.length : end + 1;
    return new PdfString(Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex'));
  }
}

/** Inflates a stream's data (FlateDecode; ASCIIHex; none). Unknown filters give the raw bytes. */
export function streamData(s: PdfStream): Buffer {
  const f = s.dict.get('Filter');
  const filters = Array.isArray(f) ? f : f === undefined ? [] : [f];
  let data = s.raw;
  for (const name of filters) {
    const n = name instanceof Name ? name.name : '';
    try {
      if (n === 'FlateDecode' || n === 'Fl') data = inflateSync(data, { finishFlush: 2 });
      else if (n === 'ASCIIHexDecode' || n === 'AHx') data = Buffer.from(data.toString('latin1').replace(/>.*$/s, '').replace(/[^0-9A-Fa-f]/g, ''), 'hex');
      else return data;
    } catch {
      return data;
    }
  }
  return data;
}

interface XrefEntry {
  offset?: number; // in the file
  inStream?: { stream: number; index: number };
}

/** A parsed PDF: every object reachable through the cross-reference chain, and every trailer of that chain. */
export class PdfFile {
  private readonly xref = new Map<number, XrefEntry>();
  private readonly cache = new Map<number, PdfValue>();
  /** Every trailer, newest first (an incremental update adds one; each may name its own /Info). */
  readonly trailers: PdfDict[] = [];
  /** Every object number defined anywhere in the file, also older versions' numbers (scanned). */
  readonly scanned = new Map<number, number[]>();

  constructor(readonly buf: Buffer) {
    const text = buf.toString('latin1');
    for (const m of text.matchAll(/(?<![0-9])(\d+)\s+(\d+)\s+obj\b/g)) {
      const n = Number(m[1]);
      this.scanned.set(n, [...(this.scanned.get(n) ?? []), m.index!]);
    }
    const sx = text.lastIndexOf('startxref');
    let at = sx >= 0 ? Number(/startxref\s+(\d+)/.exec(text.slice(sx))?.[1]) : NaN;
    const seen = new Set<number>();
    while (Number.isFinite(at) && !seen.has(at)) {
      seen.add(at);
      const trailer = this.readXref(at);
      if (!trailer) break;
      this.trailers.push(trailer);
      const prev = trailer.get('Prev');
      at = typeof prev === 'number' ? prev : NaN;
    }
    // A file whose chain is broken: fall back on the objects as found, the last definition winning.
    for (const [n, offsets] of this.scanned) if (!this.xref.has(n)) this.xref.set(n, { offset: offsets.at(-1)! });
    if (this.trailers.length === 0) {
      const t = text.lastIndexOf('trailer');
      if (t >= 0) {
        const v = new Lexer(buf, t + 7).value();
        if (isDict(v)) this.trailers.push(v);
      }
    }
  }

  private readXref(at: number): PdfDict | undefined {
    const lx = new Lexer(this.buf, at);
    lx.skipWs();
    if (this.buf.toString('latin1', lx.pos, lx.pos + 4) === 'xref') {
      lx.pos += 4;
      for (;;) {
        const first = lx.value();
        if (first instanceof Op && first.op === 'trailer') {
          const t = lx.value();
          return isDict(t) ? t : undefined;
        }
        const count = lx.value();
        if (typeof first !== 'number' || typeof count !== 'number') return undefined;
        for (let i = 0; i < count; i++) {
          const off = lx.value();
          lx.value();
          const kind = lx.value();
          const n = first + i;
          if (kind instanceof Op && kind.op === 'n' && typeof off === 'number' && !this.xref.has(n)) this.xref.set(n, { offset: off });
          else if (kind instanceof Op && kind.op === 'f' && !this.xref.has(n)) this.xref.set(n, {});
        }
      }
    }
    // A cross-reference stream.
    const obj = this.parseAt(at);
    if (!isStream(obj)) return undefined;
    const w = (obj.dict.get('W') as number[]) ?? [1, 2, 1];
    const size = obj.dict.get('Size') as number;
    const index = (obj.dict.get('Index') as number[]) ?? [0, size];
    const data = streamData(obj);
    const rowLen = w.reduce((a, b) => a + b, 0);
    let row = 0;
    const field = (start: number, len: number, dflt: number) => {
      if (len === 0) return dflt;
      let v = 0;
      for (let i = 0; i < len; i++) v = v * 256 + data[start + i]!;
      return v;
    };
    for (let s = 0; s + 1 < index.length; s += 2) {
      for (let i = 0; i < index[s + 1]!; i++, row++) {
        const base = row * rowLen;
        const type = field(base, w[0]!, 1);
        const a = field(base + w[0]!, w[1]!, 0);
        const b = field(base + w[0]! + w[1]!, w[2]!, 0);
        const n = index[s]! + i;
        if (this.xref.has(n)) continue;
        if (type === 1) this.xref.set(n, { offset: a });
        else if (type === 2) this.xref.set(n, { inStream: { stream: a, index: b } });
        else this.xref.set(n, {});
      }
    }
    return obj.dict;
  }

  /** The object at a file offset (`n g obj … endobj`), with its stream's data if it has one. */
  parseAt(offset: number): PdfValue | undefined {
    const lx = new Lexer(this.buf, offset);
    lx.value();
    lx.value();
    const kw = lx.value();
    if (!(kw instanceof Op) || kw.op !== 'obj') return undefined;
    const v = lx.valueWithRef();
    if (!isDict(v)) return v;
    const save = lx.pos;
    const next = lx.value();
    if (next instanceof Op && next.op === 'stream') {
      let start = lx.pos;
      if (this.buf[start] === 0x0d) start++;
      if (this.buf[start] === 0x0a) start++;
      let len = v.get('Length');
      if (len instanceof Ref) len = this.get(len) as number;
      let end = typeof len === 'number' ? start + len : -1;
      if (end < 0 || this.buf.toString('latin1', end, end + 30).search(/endstream/) < 0) end = this.buf.indexOf('endstream', start, 'latin1');
      let stop = end;
      while (stop > start && (this.buf[stop - 1] === 0x0a || this.buf[stop - 1] === 0x0d) && typeof len !== 'number') stop--;
      return { dict: v, raw: this.buf.subarray(start, stop) };
    }
    lx.pos = save;
    return v;
  }

  /** An object by number (its newest version). */
  object(n: number): PdfValue | undefined {
    if (this.cache.has(n)) return this.cache.get(n);
    this.cache.set(n, null);
    const e = this.xref.get(n);
    let v: PdfValue | undefined;
    if (e?.offset !== undefined) v = this.parseAt(e.offset);
    else if (e?.inStream) v = this.fromObjectStream(e.inStream.stream, e.inStream.index);
    this.cache.set(n, v ?? null);
    return v;
  }

  private fromObjectStream(stream: number, index: number): PdfValue | undefined {
    const s = this.object(stream);
    if (!isStream(s)) return undefined;
    const data = streamData(s);
    const lx = new Lexer(data);
    const n = s.dict.get('N') as number;
    const pairs: number[] = [];
    for (let i = 0; i < n * 2; i++) pairs.push(lx.value() as number);
    const first = s.dict.get('First') as number;
    return new Lexer(data, first + pairs[index * 2 + 1]!).valueWithRef();
  }

  /** Follows a reference (or returns the value itself). */
  get(v: PdfValue | undefined): PdfValue | undefined {
    let cur = v;
    for (let i = 0; i < 32 && cur instanceof Ref; i++) cur = this.object(cur.num);
    return cur;
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    const d = this.get(v);
    if (isDict(d)) return d;
    if (isStream(d)) return d.dict;
    return undefined;
  }

  /** Every object of the file: the newest version of each number, and every older one still in the bytes. */
  *allObjects(): Generator<PdfValue> {
    for (const n of new Set([...this.xref.keys(), ...this.scanned.keys()])) {
      const newest = this.object(n);
      if (newest !== undefined && newest !== null) yield newest;
      for (const off of this.scanned.get(n) ?? []) {
        const old = this.parseAt(off);
        if (old !== undefined && old !== null) yield old;
      }
    }
  }

  get root(): PdfDict | undefined {
    for (const t of this.trailers) {
      const r = this.dict(t.get('Root'));
      if (r) return r;
    }
    return undefined;
  }

  /** The page dictionaries in order, each with its inherited /Resources. */
  pages(): Array<{ dict: PdfDict; resources: PdfDict | undefined }> {
    const out: Array<{ dict: PdfDict; resources: PdfDict | undefined }> = [];
    const walk = (v: PdfValue | undefined, inherited: PdfDict | undefined, seen: Set<PdfDict>) => {
      const d = this.dict(v);
      if (!d || seen.has(d)) return;
      seen.add(d);
      const resources = this.dict(d.get('Resources')) ?? inherited;
      const kids = this.get(d.get('Kids'));
      if (Array.isArray(kids)) for (const k of kids) walk(k, resources, seen);
      else out.push({ dict: d, resources });
    };
    walk(this.root?.get('Pages'), undefined, new Set());
    return out;
  }
}

/** A name tree's or number tree's entries (/Names or /Nums, through /Kids). */
export function treeEntries(pdf: PdfFile, node: PdfValue | undefined, seen = new Set<PdfDict>()): Array<[PdfValue, PdfValue]> {
  const d = pdf.dict(node);
  if (!d || seen.has(d)) return [];
  seen.add(d);
  const out: Array<[PdfValue, PdfValue]> = [];
  const leaf = pdf.get(d.get('Names') ?? d.get('Nums'));
  if (Array.isArray(leaf)) for (let i = 0; i + 1 < leaf.length; i += 2) out.push([leaf[i]!, leaf[i + 1]!]);
  const kids = pdf.get(d.get('Kids'));
  if (Array.isArray(kids)) for (const k of kids) out.push(...treeEntries(pdf, k, seen));
  return out;
}
