/**
 * Joins PDFs that Chromium printed from consecutive page ranges of one document into one tagged PDF.
 *
 * Why: Chromium's page.pdf() costs more per page the longer the document is — measured on the 2022 body ×150
 * (1,822 pages), printing it whole took 84 s (46 ms a page) where its ×16 (195 pages) took 1.9 s (9.6 ms a
 * page); printing only pages 1–200 of the long one with `pageRanges` still took 13.6 s. A document of at most
 * a few hundred pages in the DOM prints at the short rate, so a long document is printed in parts
 * (print-in-parts.ts) and joined here.
 *
 * What is joined: the page trees (each part's under one new root), the structure trees (each part's Document
 * element under one StructTreeRoot; the parent tree renumbered so every page's /StructParents and every
 * annotation's /StructParent stays unique; the ID tree with every structure id made unique), the named
 * destinations (one /Dests dictionary) and the outline, rebuilt from all parts' bookmarks by heading level (a
 * part starting inside a chapter would otherwise make its first paragraphs top-level bookmarks). Font subsets
 * are renamed per part (Chromium names them AAAAAA+…, BAAAAA+… in every part). The input is Skia's PDF as
 * Chromium writes it — one classic xref table, no object streams — and anything else is an error, never a
 * silently different file. Stream data is copied byte for byte.
 */
export function mergeChromiumPdfs(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const parsed = parts.map((p, i) => parsePdf(Buffer.from(p).toString('latin1'), i));
  const out = new Writer();

  // New numbers: every kept object of every part in order, then the joining objects.
  const maps = parsed.map((part) => {
    const map = new Map<number, number>();
    for (const num of part.order) if (!part.dropped.has(num)) map.set(num, out.reserve());
    return map;
  });
  const root = { catalog: out.reserve(), pages: out.reserve(), structTree: out.reserve(), parentTree: out.reserve(), idTree: out.reserve(), dests: out.reserve(), outlines: out.reserve() };
  parsed.forEach((part, i) => {
    maps[i]!.set(part.structTreeRoot, root.structTree); // the parts' Document elements name the new root as parent
  });

  // Parent tree keys: each part's keys in their order, numbered on from the part before.
  let nextKey = 0;
  const keyMaps = parsed.map((part) => {
    const keys = new Map<number, number>();
    for (const [key] of part.parentTree) keys.set(key, nextKey++);
    return keys;
  });

  let nodeIds = 0;
  const idMaps = parsed.map(() => new Map<string, string>());
  const rewrite = (i: number, text: string) =>
    rewriteOutsideStreams(text, {
      ref: (num) => {
        const n = maps[i]!.get(num);
        if (n === undefined) throw new Error(`merge: part ${i + 1} refers to object ${num}, which it does not have or which is replaced`);
        return n;
      },
      structParent: (key) => {
        const k = keyMaps[i]!.get(key);
        if (k === undefined) throw new Error(`merge: part ${i + 1} has /StructParent(s) ${key} that its parent tree does not list`);
        return k;
      },
      nodeId: (digits) => {
        let id = idMaps[i]!.get(digits);
        if (!id) idMaps[i]!.set(digits, (id = String(++nodeIds).padStart(8, '0')));
        return id;
      },
      fontTag: (tag) => `${tag[0]}${subsetSuffix(i)}`,
    });

  parsed.forEach((part, i) => {
    for (const num of part.order) {
      if (part.dropped.has(num)) continue;
      let body = rewrite(i, part.objects.get(num)!);
      if (num === part.pagesRoot) body = body.replace(/>>\s*$/, `\n/Parent ${root.pages} 0 R>>`);
      out.object(maps[i]!.get(num)!, body);
    }
  });

  const first = parsed[0]!;
  const pageCounts = parsed.map((p) => Number(/\/Count (\d+)/.exec(p.objects.get(p.pagesRoot)!)?.[1]));
  out.object(root.pages, `<</Type /Pages\n/Count ${pageCounts.reduce((a, b) => a + b, 0)}\n/Kids [${parsed.map((p, i) => `${maps[i]!.get(p.pagesRoot)} 0 R`).join(' ')}]>>`);

  const kids = parsed.flatMap((p, i) => p.structKids.map((k) => rewrite(i, k)));
  out.object(root.structTree, `<</Type /StructTreeRoot\n/K [${kids.join(' ')}]\n/ParentTreeNextKey ${nextKey}\n/ParentTree ${root.parentTree} 0 R\n/IDTree ${root.idTree} 0 R${first.structExtra ? `\n${rewrite(0, first.structExtra)}` : ''}>>`);
  const nums = parsed.flatMap((p, i) => p.parentTree.map(([key, value]) => `${keyMaps[i]!.get(key)} ${rewrite(i, value)}`));
  out.object(root.parentTree, `<</Type /ParentTree\n/Nums [${nums.join(' ')}]>>`);
  const names = parsed.flatMap((p, i) => p.idNames.map(([name, value]) => [rewrite(i, name), rewrite(i, value)] as const)).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  out.object(root.idTree, names.length ? `<</Kids [${out.objectAfter(`<</Limits [${names[0]![0]} ${names[names.length - 1]![0]}]\n/Names [${names.map(([n, v]) => `${n} ${v}`).join(' ')}]>>`)} 0 R]>>` : '<<>>');
  out.object(root.dests, `<<${parsed.map((p, i) => rewrite(i, p.dests)).filter((d) => d.trim()).join('\n')}>>`);

  const items = parsed.flatMap((p, i) => p.outline.map((o) => ({ ...o, dest: rewrite(i, o.dest), se: o.se === undefined ? undefined : rewrite(i, o.se) })));
  writeOutline(out, root.outlines, items);

  const catalogExtra = rewrite(0, first.catalogExtra);
  out.object(root.catalog, `<</Type /Catalog\n/Pages ${root.pages} 0 R\n/Dests ${root.dests} 0 R\n${catalogExtra ? `${catalogExtra}\n` : ''}/StructTreeRoot ${root.structTree} 0 R\n/Outlines ${root.outlines} 0 R>>`);
  return out.finish(root.catalog, maps[0]!.get(first.info)!);
}

/** Subset tags of part i: Chromium's first letter (the font's number in the part) and five letters for the part. */
function subsetSuffix(i: number): string {
  let s = '';
  for (let n = i; s.length < 5; n = Math.floor(n / 26)) s = String.fromCharCode(65 + (n % 26)) + s;
  return s;
}

interface OutlineItem {
  title: string;
  dest: string;
  se?: string;
  level: number;
}

interface ParsedPdf {
  objects: Map<number, string>;
  order: number[];
  dropped: Set<number>;
  info: number;
  pagesRoot: number;
  structTreeRoot: number;
  structKids: string[];
  structExtra: string;
  parentTree: Array<[number, string]>;
  idNames: Array<[string, string]>;
  dests: string;
  outline: OutlineItem[];
  catalogExtra: string;
}

function parsePdf(text: string, part: number): ParsedPdf {
  const fail = (what: string): never => {
    throw new Error(`merge: part ${part + 1} of the printed PDF ${what}`);
  };
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$/.exec(text) ?? fail('has no classic trailer');
  if (/\/Prev\b/.test(trailer[1]!)) fail('has an incremental update');
  const rootNum = Number(/\/Root (\d+) 0 R/.exec(trailer[1]!)?.[1] ?? fail('has no /Root'));
  const info = Number(/\/Info (\d+) 0 R/.exec(trailer[1]!)?.[1] ?? fail('has no /Info'));

  // The xref table gives every object's offset; an object runs to the next one (or to the table).
  const xrefAt = Number(trailer[2]);
  const table = /^xref\s*\n([\s\S]*?)trailer/.exec(text.slice(xrefAt)) ?? fail('has no xref table at startxref');
  const offsets: Array<[number, number]> = [];
  const lines = table[1]!.split(/\r?\n/).filter((l) => l.trim());
  for (let l = 0; l < lines.length; ) {
    const [start, count] = lines[l++]!.trim().split(/\s+/).map(Number);
    for (let k = 0; k < count!; k++, l++) {
      const m = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[l] ?? '') ?? fail('has a malformed xref entry');
      if (m[3] === 'n') {
        if (m[2] !== '00000') fail('has an object of generation > 0');
        offsets.push([start! + k, Number(m[1])]);
      }
    }
  }
  offsets.sort((a, b) => a[1] - b[1]);
  const objects = new Map<number, string>();
  offsets.forEach(([num, at], k) => {
    const end = k + 1 < offsets.length ? offsets[k + 1]![1] : xrefAt;
    const whole = text.slice(at, end);
    const m = /^(\d+) 0 obj\s*/.exec(whole);
    if (!m || Number(m[1]) !== num) fail(`has no object ${num} where its xref says`);
    const close = whole.lastIndexOf('endobj');
    if (close < 0) fail(`object ${num} has no endobj`);
    objects.set(num, whole.slice(m![0].length, close).replace(/\s+$/, ''));
  });
  if (/\/Type \/ObjStm\b/.test(text)) fail('has object streams');
  const order = offsets.map(([num]) => num);

  const get = (num: number) => objects.get(num) ?? fail(`refers to object ${num}, which it does not have`);
  const refOf = (dict: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : undefined;
  };
  const catalog = get(rootNum);
  const pagesRoot = refOf(catalog, 'Pages') ?? fail('has no page tree');
  const structTreeRoot = refOf(catalog, 'StructTreeRoot') ?? fail('is not tagged');
  const destsNum = refOf(catalog, 'Dests');
  const outlinesNum = refOf(catalog, 'Outlines');
  const dropped = new Set<number>([rootNum, structTreeRoot]);
  if (part > 0) dropped.add(info);

  // The catalog's other entries (MarkInfo, ViewerPreferences, Lang) are kept as they are.
  const catalogExtra = dictBody(catalog)
    .replace(/\/(Type \/Catalog|Pages \d+ 0 R|Dests \d+ 0 R|StructTreeRoot \d+ 0 R|Outlines \d+ 0 R)/g, '')
    .trim();

  const str = get(structTreeRoot);
  const k = /\/K (\[[^\]]*\]|\d+ 0 R)/.exec(str) ?? fail('has a structure tree without /K');
  const structKids = k[1]!.startsWith('[') ? (k[1]!.slice(1, -1).match(/\d+ 0 R/g) ?? []) : [k[1]!];
  const structExtra = [...dictBody(str).matchAll(/\/(RoleMap|ClassMap) (\d+ 0 R|<<[^>]*>>)/g)].map((m) => m[0]).join('\n');

  // Number and name trees, leaves collected in order, their nodes dropped.
  const parentTree: Array<[number, string]> = [];
  const ptNum = refOf(str, 'ParentTree');
  if (ptNum !== undefined) {
    for (const leaf of treeLeaves(ptNum, 'Nums', get, dropped)) {
      for (const m of leaf.matchAll(/(\d+) (\d+ 0 R|\[[^\]]*\])/g)) parentTree.push([Number(m[1]), m[2]!]);
    }
  }
  const idNames: Array<[string, string]> = [];
  const idNum = refOf(str, 'IDTree');
  if (idNum !== undefined) {
    for (const leaf of treeLeaves(idNum, 'Names', get, dropped)) {
      for (const m of leaf.matchAll(/(\((?:\\.|[^\\)])*\)) (\d+ 0 R)/g)) idNames.push([m[1]!, m[2]!]);
    }
  }

  let dests = '';
  if (destsNum !== undefined) {
    dropped.add(destsNum);
    dests = dictBody(get(destsNum));
  }

  const outline: OutlineItem[] = [];
  if (outlinesNum !== undefined) {
    dropped.add(outlinesNum);
    const walk = (first: number | undefined, depth: number) => {
      for (let n = first; n !== undefined; ) {
        dropped.add(n);
        const item = get(n);
        const title = /\/Title (\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]*>)/.exec(item)?.[1] ?? fail(`has a bookmark without a title (object ${n})`);
        const dest = /\/Dest (\[[^\]]*\]|\/\S+)/.exec(item)?.[1] ?? fail(`has a bookmark without a destination (object ${n})`);
        const se = refOf(item, 'SE');
        const heading = se !== undefined ? /\/S \/H(\d)\b/.exec(get(se))?.[1] : undefined;
        outline.push({ title, dest, se: se === undefined ? undefined : `${se} 0 R`, level: heading ? Number(heading) : depth });
        walk(refOf(item, 'First'), depth + 1);
        n = refOf(item, 'Next');
      }
    };
    walk(refOf(get(outlinesNum), 'First'), 1);
  }

  return { objects, order, dropped, info, pagesRoot, structTreeRoot, structKids, structExtra, parentTree, idNames, dests, outline, catalogExtra };
}

/** The leaves of a number or name tree (their /Nums or /Names arrays), in order; every node is marked dropped. */
function treeLeaves(num: number, key: 'Nums' | 'Names', get: (n: number) => string, dropped: Set<number>): string[] {
  dropped.add(num);
  const node = get(num);
  const kids = /\/Kids \[([^\]]*)\]/.exec(node);
  if (kids) return [...kids[1]!.matchAll(/(\d+) 0 R/g)].flatMap((m) => treeLeaves(Number(m[1]), key, get, dropped));
  const at = node.indexOf(`/${key} [`);
  if (at < 0) return [];
  return [arrayAt(node, at + key.length + 2)];
}

/** The text inside the array that opens at `open` ("[ … ]", nested arrays allowed; strings skipped). */
function arrayAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') i = stringEnd(text, i);
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error('merge: an unterminated array in the printed PDF');
}

/** The index of the ")" that closes the literal string opening at `open`. */
function stringEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new Error('merge: an unterminated string in the printed PDF');
}

/** A dictionary's text without its outer << >>. */
function dictBody(obj: string): string {
  const t = obj.trim();
  if (!t.startsWith('<<') || !t.endsWith('>>')) throw new Error('merge: expected a dictionary in the printed PDF');
  return t.slice(2, -2);
}

interface Rewrites {
  ref(num: number): number;
  structParent(key: number): number;
  nodeId(digits: string): string;
  fontTag(tag: string): string;
}

/**
 * Rewrites an object's references, parent-tree keys, structure ids and font subset tags. Literal strings are
 * left alone but for structure ids (`(node00000040)`); the stream after the dictionary is not touched.
 */
function rewriteOutsideStreams(obj: string, r: Rewrites): string {
  let out = '';
  let code = '';
  const flush = () => {
    out += code
      .replace(/(?<![\d.])(\d+) 0 R\b/g, (_, n: string) => `${r.ref(Number(n))} 0 R`)
      .replace(/\/(StructParents?) (\d+)/g, (_, k: string, n: string) => `/${k} ${r.structParent(Number(n))}`)
      .replace(/\/([A-Z]{6})\+/g, (_, tag: string) => `/${r.fontTag(tag)}+`);
    code = '';
  };
  for (let i = 0; i < obj.length; i++) {
    const c = obj[i]!;
    if (c === '(') {
      flush();
      const end = stringEnd(obj, i);
      const s = obj.slice(i, end + 1);
      const node = /^\(node(\d+)\)$/.exec(s);
      out += node ? `(node${r.nodeId(node[1]!)})` : s;
      i = end;
    } else if (c === 's' && obj.startsWith('stream', i) && /[\s>]/.test(obj[i - 1] ?? '') && /^stream\r?\n/.test(obj.slice(i, i + 8))) {
      flush();
      return out + obj.slice(i);
    } else code += c;
  }
  flush();
  return out;
}

/** The outline, nested by heading level: each item under the nearest item above it of a lower level. */
function writeOutline(out: Writer, rootNum: number, items: OutlineItem[]): void {
  type Node = { num: number; item?: OutlineItem; kids: Node[]; parent?: Node };
  const top: Node = { num: rootNum, kids: [] };
  const stack: Node[] = [];
  for (const item of items) {
    while (stack.length && stack[stack.length - 1]!.item!.level >= item.level) stack.pop();
    const parent = stack[stack.length - 1] ?? top;
    const node: Node = { num: out.reserve(), item, kids: [], parent };
    parent.kids.push(node);
    stack.push(node);
  }
  const count = (n: Node): number => n.kids.reduce((sum, k) => sum + 1 + count(k), 0);
  const write = (n: Node) => {
    n.kids.forEach((k, i) => {
      const it = k.item!;
      const links = [
        `/Parent ${n.num} 0 R`,
        ...(it.se ? [`/SE ${it.se}`] : []),
        ...(i > 0 ? [`/Prev ${n.kids[i - 1]!.num} 0 R`] : []),
        ...(i + 1 < n.kids.length ? [`/Next ${n.kids[i + 1]!.num} 0 R`] : []),
        ...(k.kids.length ? [`/First ${k.kids[0]!.num} 0 R`, `/Last ${k.kids[k.kids.length - 1]!.num} 0 R`, `/Count ${count(k)}`] : []),
      ];
      out.object(k.num, `<</Title ${it.title}\n/Dest ${it.dest}\n${links.join('\n')}>>`);
      write(k);
    });
  };
  write(top);
  out.object(rootNum, top.kids.length ? `<</Type /Outlines\n/First ${top.kids[0]!.num} 0 R\n/Last ${top.kids[top.kids.length - 1]!.num} 0 R\n/Count ${count(top)}>>` : '<</Type /Outlines\n/Count 0>>');
}

/** Writes objects by number (in any order) and the classic xref table and trailer. */
class Writer {
  private next = 1;
  private bodies = new Map<number, string>();

  reserve(): number {
    return this.next++;
  }

  object(num: number, body: string): void {
    this.bodies.set(num, body);
  }

  /** A new object with this body; its number. */
  objectAfter(body: string): number {
    const num = this.reserve();
    this.object(num, body);
    return num;
  }

  finish(root: number, info: number): Uint8Array {
    const chunks: string[] = ['%PDF-1.4\n%\xd3\xeb\xe9\xe1\n'];
    let offset = chunks[0]!.length;
    const offsets: number[] = [];
    for (let num = 1; num < this.next; num++) {
      const body = this.bodies.get(num);
      if (body === undefined) throw new Error(`merge: object ${num} was reserved but never written`);
      const text = `${num} 0 obj\n${body}\nendobj\n`;
      offsets[num] = offset;
      chunks.push(text);
      offset += text.length;
    }
    let xref = `xref\n0 ${this.next}\n0000000000 65535 f \n`;
    for (let num = 1; num < this.next; num++) xref += `${String(offsets[num]).padStart(10, '0')} 00000 n \n`;
    chunks.push(`${xref}trailer\n<</Size ${this.next}\n/Root ${root} 0 R\n/Info ${info} 0 R>>\nstartxref\n${offset}\n%%EOF`);
    return Buffer.from(chunks.join(''), 'latin1');
  }
}
