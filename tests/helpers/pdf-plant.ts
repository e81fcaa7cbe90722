import { isDict, isStream, Name, PdfFile, PdfString, Ref, type PdfDict, type PdfValue } from './pdf-objects.js';

/**
 * A control for the word checks: a copy of a PDF with `words` planted in every channel pdf-words reads, as an
 * incremental update (the original bytes stay as they are): invisible page text (render mode 3) in a font
 * with a ToUnicode map, marked content with /ActualText, a bookmark, a named destination, the document
 * information, an XMP metadata stream, a text annotation and a link (/Contents, /T, /URI), a structure
 * element (/Alt, /ActualText, /T, /E), an embedded file (name, description, contents) and a form field
 * (/T, /TU, /V). A check that finds nothing in this file is blind.
 */
export function plantEverywhere(src: Buffer, words: string[]): Buffer {
  const text = words.join(' ; ');
  const pdf = new PdfFile(src);
  const trailer = pdf.trailers[0]!;
  const rootRef = trailer.get('Root') as Ref;
  const catalog = new Map(pdf.dict(rootRef)!);
  let next = Number(trailer.get('Size'));
  const objects = new Map<number, PdfValue>();
  const add = (v: PdfValue): Ref => {
    const r = new Ref(next++, 0);
    objects.set(r.num, v);
    return r;
  };
  const s = (t: string) => utf16(t);
  const ascii = text.replace(/[^\x20-\x7e]/g, '?');

  // Page 1: invisible text in a Helvetica with a ToUnicode map, inside marked content with /ActualText.
  const pages = pdf.pages();
  const firstRef = pageRef(pdf, pages[0]!.dict);
  const page = new Map(pages[0]!.dict);
  const toUnicode = add({ dict: new Map(), raw: Buffer.from(IDENTITY_ASCII_CMAP, 'latin1') });
  const font = add(new Map<string, PdfValue>([['Type', new Name('Font')], ['Subtype', new Name('Type1')], ['BaseFont', new Name('Helvetica')], ['Encoding', new Name('WinAnsiEncoding')], ['ToUnicode', toUnicode]]));
  const content = add({ dict: new Map(), raw: Buffer.from(`q /Span <</ActualText ${serialize(s(text))}>> BDC BT /FWooPlant 8 Tf 3 Tr 20 20 Td ${serialize(new PdfString(Buffer.from(ascii, 'latin1')))} Tj ET EMC Q\n`, 'latin1') });
  const oldContents = pdf.get(page.get('Contents'));
  page.set('Contents', [...(Array.isArray(oldContents) ? oldContents : [page.get('Contents')!]), content]);
  const resources = new Map(pdf.dict(page.get('Resources')) ?? pages[0]!.resources ?? new Map());
  const fonts = new Map(pdf.dict(resources.get('Font')) ?? new Map());
  fonts.set('FWooPlant', font);
  resources.set('Font', fonts);
  page.set('Resources', resources);

  // Annotations: a note and a link, and the form field's widget.
  const rect = [0, 0, 10, 10];
  const note = add(new Map<string, PdfValue>([['Type', new Name('Annot')], ['Subtype', new Name('Text')], ['Rect', rect], ['Contents', s(text)], ['T', s(text)], ['P', firstRef]]));
  const link = add(new Map<string, PdfValue>([['Type', new Name('Annot')], ['Subtype', new Name('Link')], ['Rect', rect], ['A', new Map<string, PdfValue>([['S', new Name('URI')], ['URI', new PdfString(Buffer.from(`https://voorbeeld.invalid/${encodeURI(text)}`, 'latin1'))]])], ['P', firstRef]]));
  const field = add(new Map<string, PdfValue>([['Type', new Name('Annot')], ['Subtype', new Name('Widget')], ['FT', new Name('Tx')], ['Rect', rect], ['T', s(text)], ['TU', s(text)], ['V', s(text)], ['P', firstRef]]));
  const oldAnnots = pdf.get(page.get('Annots'));
  page.set('Annots', [...(Array.isArray(oldAnnots) ? oldAnnots : []), note, link, field]);
  objects.set(firstRef.num, page);
  catalog.set('AcroForm', new Map<string, PdfValue>([['Fields', [field]]]));

  // A bookmark, first in the outline.
  const outlinesRef = catalog.get('Outlines');
  const outlines = new Map(pdf.dict(outlinesRef) ?? new Map<string, PdfValue>([['Type', new Name('Outlines')]]));
  const outlinesTarget = outlinesRef instanceof Ref ? outlinesRef : add(outlines);
  const item = add(new Map<string, PdfValue>([['Title', s(text)], ['Parent', outlinesTarget], ['Dest', [firstRef, new Name('Fit')]], ...(outlines.get('First') ? ([['Next', outlines.get('First')!]] as Array<[string, PdfValue]>) : [])]));
  outlines.set('First', item);
  if (!outlines.get('Last')) outlines.set('Last', item);
  outlines.set('Count', Number(outlines.get('Count') ?? 0) + 1);
  objects.set(outlinesTarget.num, outlines);
  catalog.set('Outlines', outlinesTarget);

  // A named destination (in the catalog's /Dests dictionary).
  const destsRef = catalog.get('Dests');
  const dests = new Map(pdf.dict(destsRef) ?? new Map());
  for (const w of words) dests.set(w.slice(0, 127), [firstRef, new Name('Fit')]);
  if (destsRef instanceof Ref) objects.set(destsRef.num, dests);
  else catalog.set('Dests', dests);

  // Document information and XMP.
  const info = new Map(pdf.dict(trailer.get('Info')) ?? new Map());
  info.set('Author', s(text));
  info.set('WooPlanted', s(text));
  const infoRef = add(info);
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${escapeXml(text)}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  catalog.set('Metadata', add({ dict: new Map<string, PdfValue>([['Type', new Name('Metadata')], ['Subtype', new Name('XML')]]), raw: Buffer.from(xmp, 'utf8') }));

  // A structure element.
  const structRef = catalog.get('StructTreeRoot');
  const structRoot = new Map(pdf.dict(structRef) ?? new Map<string, PdfValue>([['Type', new Name('StructTreeRoot')]]));
  const structTarget = structRef instanceof Ref ? structRef : add(structRoot);
  const elem = add(new Map<string, PdfValue>([['Type', new Name('StructElem')], ['S', new Name('Span')], ['P', structTarget], ['Alt', s(text)], ['ActualText', s(text)], ['T', s(text)], ['E', s(text)]]));
  const oldK = pdf.get(structRoot.get('K'));
  structRoot.set('K', [...(Array.isArray(oldK) ? oldK : structRoot.get('K') ? [structRoot.get('K')!] : []), elem]);
  objects.set(structTarget.num, structRoot);
  catalog.set('StructTreeRoot', structTarget);

  // An embedded file.
  const ef = add({ dict: new Map<string, PdfValue>([['Type', new Name('EmbeddedFile')]]), raw: Buffer.from(text, 'utf8') });
  const spec = add(new Map<string, PdfValue>([['Type', new Name('Filespec')], ['F', new PdfString(Buffer.from('bijlage.txt', 'latin1'))], ['UF', s(`${text}.txt`)], ['Desc', s(text)], ['EF', new Map<string, PdfValue>([['F', ef]])]]));
  const names = new Map(pdf.dict(catalog.get('Names')) ?? new Map());
  names.set('EmbeddedFiles', new Map<string, PdfValue>([['Names', [new PdfString(Buffer.from('bijlage.txt', 'latin1')), spec]]]));
  catalog.set('Names', names);

  objects.set(rootRef.num, catalog);

  // The update: the objects, a cross-reference table with a subsection per object, the trailer.
  const parts: Buffer[] = [src, Buffer.from('\n')];
  let offset = src.length + 1;
  const offsets = new Map<number, number>();
  for (const [num, v] of objects) {
    const body = serializeObject(num, v);
    offsets.set(num, offset);
    parts.push(body);
    offset += body.length;
  }
  const xref = [`xref\n0 1\n0000000000 65535 f \n`, ...[...offsets].sort((a, b) => a[0] - b[0]).map(([n, o]) => `${n} 1\n${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const prev = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(src.toString('latin1', Math.max(0, src.length - 64)))?.[1];
  const newTrailer = new Map<string, PdfValue>([['Size', next], ['Root', rootRef], ['Info', infoRef], ...(prev ? ([['Prev', Number(prev)]] as Array<[string, PdfValue]>) : [])]);
  parts.push(Buffer.from(`${xref}trailer\n${serialize(newTrailer)}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const IDENTITY_ASCII_CMAP = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfrange
<20> <7E> <0020>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`;

function pageRef(pdf: PdfFile, page: PdfDict): Ref {
  const kidsOf = (v: PdfValue | undefined): Ref | undefined => {
    const d = pdf.dict(v);
    const kids = pdf.get(d?.get('Kids'));
    if (!Array.isArray(kids)) return undefined;
    for (const k of kids) {
      if (!(k instanceof Ref)) continue;
      if (pdf.dict(k) === page) return k;
      const inner = kidsOf(k);
      if (inner) return inner;
    }
    return undefined;
  };
  const r = kidsOf(pdf.root?.get('Pages'));
  if (!r) throw new Error('page 1 is not an indirect object');
  return r;
}

const utf16 = (t: string) => {
  const b = Buffer.from(`\uFEFF${t}`, 'utf16le');
  b.swap16();
  return new PdfString(b);
};
const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function serializeObject(num: number, v: PdfValue): Buffer {
  if (isStream(v)) {
    const dict = new Map(v.dict);
    dict.delete('Filter');
    dict.delete('DecodeParms');
    dict.set('Length', v.raw.length);
    return Buffer.concat([Buffer.from(`${num} 0 obj\n${serialize(dict)}\nstream\n`, 'latin1'), v.raw, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
  }
  return Buffer.from(`${num} 0 obj\n${serialize(v)}\nendobj\n`, 'latin1');
}

export function serialize(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(6).replace(/0+$/, '');
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Ref) return `${v.num} ${v.gen} R`;
  if (v instanceof Name) return `/${[...Buffer.from(v.name, 'utf8')].map((c) => (c > 0x20 && c < 0x7f && !'()<>[]{}/%#'.includes(String.fromCharCode(c)) ? String.fromCharCode(c) : `#${c.toString(16).padStart(2, '0')}`)).join('')}`;
  if (v instanceof PdfString) return `<${v.bytes.toString('hex')}>`;
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`;
  if (isDict(v)) return `<<${[...v].map(([k, x]) => `${serialize(new Name(k))} ${serialize(x)}`).join(' ')}>>`;
  if (isStream(v)) throw new Error('a stream must be an indirect object');
  return '';
}
