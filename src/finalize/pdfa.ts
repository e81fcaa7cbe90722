import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths.js';
import { decodePdfString, pdfString, type UpdateObject } from './pdf-syntax.js';
import { destinationKey, linkDescription, type LinkTexts } from './link-contents.js';
import { xmpPacket, type XmpFacts } from './xmp.js';
import { listBodies } from './list-bodies.js';

/**
 * What makes Chromium's tagged PDF a PDF/A-2b and PDF/UA-1 file, as objects of the incremental update that
 * finalize appends (src/finalize/pdf-metadata.ts):
 *
 * - an XMP metadata stream mirroring the Info dictionary, with pdfaid part 2 / conformance B, pdfuaid part 1
 *   and extension schemas (xmp.ts), uncompressed, referenced from the catalog (PDF/A-2 6.6.2.1, UA-1 7.1-8);
 * - an sRGB OutputIntent with its ICC profile embedded (PDF/A-2 6.2.3: Chromium paints in DeviceRGB, which
 *   6.2.4.3 allows only with an RGB output intent); the profile is assets/icc/sRGB.icc, stored unfiltered so
 *   that no zlib version can change the bytes;
 * - /ViewerPreferences with DisplayDocTitle (UA-1 7.1-10), kept or added;
 * - a /RoleMap for structure types ISO 32000-1 does not define (Chromium writes PDF 2.0's Aside, Em, Strong;
 *   UA-1 7.1-5);
 * - /Contents on every link annotation (UA-1 7.18.5-2), from the link's own text (link-contents.ts);
 * - an LBody in every list item whose text Chromium put directly under the LI (UA-1 7.2, list-bodies.ts).
 *
 * Anything unexpected in the input is an error, never a silently different file.
 */
export function archiveObjects(text: string, startxref: number, size: number, root: { num: number; gen: number }, xmp: XmpFacts, links: LinkTexts): { objects: UpdateObject[]; size: number } {
  const offsets = objectOffsets(text, startxref);
  const read = (num: number) => {
    const at = offsets.get(num);
    if (at === undefined) throw new Error(`finalize: object ${num} is not in the cross-reference table`);
    const m = /^(\d+) (\d+) obj\s*([\s\S]*?)\s*endobj/.exec(text.slice(at, text.indexOf('endobj', at) + 6));
    if (!m || Number(m[1]) !== num) throw new Error(`finalize: object ${num} is not where the cross-reference table says`);
    return { num, gen: Number(m[2]), body: m[3]! };
  };

  const objects: UpdateObject[] = [];
  let next = size;
  const metadata = next++;
  const profile = next++;
  const intent = next++;

  const packet = Buffer.from(xmpPacket(xmp), 'utf8').toString('latin1');
  objects.push({ num: metadata, gen: 0, text: stream(metadata, `/Type /Metadata\n/Subtype /XML\n/Length ${packet.length}`, packet) });
  const icc = srgbProfile().toString('latin1');
  objects.push({ num: profile, gen: 0, text: stream(profile, `/N 3\n/Length ${icc.length}`, icc) });
  objects.push({
    num: intent,
    gen: 0,
    text: `${intent} 0 obj\n<</Type /OutputIntent\n/S /GTS_PDFA1\n/OutputConditionIdentifier (sRGB IEC61966-2.1)\n/Info (sRGB IEC61966-2.1)\n/RegistryName (http://www.color.org)\n/DestOutputProfile ${profile} 0 R>>\nendobj\n`,
  });

  const catalog = read(root.num);
  if (!/^<<\/Type \/Catalog\b[\s\S]*>>$/.test(catalog.body)) throw new Error('finalize: the trailer\'s /Root is not a catalog dictionary');
  if (/\/(Metadata|OutputIntents)\b/.test(catalog.body)) throw new Error('finalize: the printed PDF has metadata or output intents of its own');
  let extra = `\n/Metadata ${metadata} 0 R\n/OutputIntents [${intent} 0 R]`;
  if (!/\/DisplayDocTitle true/.test(catalog.body)) {
    if (/\/ViewerPreferences/.test(catalog.body)) throw new Error('finalize: the catalog has viewer preferences without DisplayDocTitle');
    extra += '\n/ViewerPreferences <</DisplayDocTitle true>>';
  }
  objects.push({ num: catalog.num, gen: catalog.gen, text: `${catalog.num} ${catalog.gen} obj\n${catalog.body.slice(0, -2)}${extra}>>\nendobj\n` });

  const structRoot = /\/StructTreeRoot (\d+) \d+ R/.exec(catalog.body)?.[1];
  if (structRoot) {
    const tree = read(Number(structRoot));
    const bodyAt = (num: number) => text.indexOf('obj', offsets.get(num)!) + 4;
    const lists = listBodies(offsets.keys(), (num) => text.startsWith('<</Type /StructElem', bodyAt(num)), read, Number(/\/ParentTree (\d+) \d+ R/.exec(tree.body)?.[1]) || undefined, next);
    objects.push(...lists.objects);
    next = lists.next;
    const types = new Set([...text.matchAll(/\/Type \/StructElem\s*\/S \/([A-Za-z0-9]+)/g)].map((m) => m[1]!));
    const mapped = Object.entries(ROLE_MAP).filter(([type]) => types.has(type));
    if (mapped.length && !/\/RoleMap\b/.test(tree.body)) {
      const roleMap = mapped.map(([type, standard]) => `/${type} /${standard}`).join(' ');
      objects.push({ num: tree.num, gen: tree.gen, text: `${tree.num} ${tree.gen} obj\n${tree.body.slice(0, -2)}\n/RoleMap <<${roleMap}>>>>\nendobj\n` });
    }
  }

  for (const [num, at] of offsets) {
    if (!text.startsWith('<</Type /Annot', text.indexOf('obj', at) + 4)) continue;
    const annot = read(num);
    if (!/\/Subtype \/Link\b/.test(annot.body)) continue;
    if (/\/Contents\b/.test(annot.body)) continue;
    const key = linkKey(annot.body);
    if (!key) throw new Error(`finalize: link annotation ${num} has neither a destination nor a URI`);
    objects.push({ num, gen: annot.gen, text: `${num} ${annot.gen} obj\n${annot.body.slice(0, -2)}\n/Contents ${pdfString(linkDescription(key, links))}>>\nendobj\n` });
  }
  return { objects, size: next };
}

/** PDF 2.0 structure types Chromium writes, mapped to the nearest type of ISO 32000-1 (14.8.4) for PDF/UA-1. */
const ROLE_MAP: Record<string, string> = { Aside: 'Div', Em: 'Span', Strong: 'Span', Title: 'H1', FENote: 'Note', Sub: 'Span', DocumentFragment: 'Div' };

/** Where a link annotation leads, as link-contents.ts keys it: `#name` for a named destination, else its URI. */
function linkKey(body: string): string | undefined {
  const dest = /\/Dest \/([^\s/<>[\]()]+)/.exec(body)?.[1];
  if (dest) return `#${dest.replace(/#([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))}`;
  const uri = /\/URI (\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(body)?.[1];
  return uri ? (destinationKey(decodePdfString(uri)) ?? decodePdfString(uri)) : undefined;
}

function stream(num: number, dict: string, data: string): string {
  return `${num} 0 obj\n<<${dict}>>\nstream\n${data}\nendstream\nendobj\n`;
}

/** Object number → byte offset, from the classic cross-reference table at startxref (and its /Prev chain). */
function objectOffsets(text: string, startxref: number): Map<number, number> {
  const offsets = new Map<number, number>();
  let at: number | undefined = startxref;
  while (at !== undefined) {
    const section = /^xref\s*\n([\s\S]*?)trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(text.slice(at));
    if (!section) throw new Error('finalize: no classic cross-reference table at startxref');
    const lines = section[1]!.split(/\r?\n/).filter((l) => l.trim());
    for (let i = 0; i < lines.length; ) {
      const [first, count] = lines[i]!.trim().split(/\s+/).map(Number) as [number, number];
      for (let k = 0; k < count; k++) {
        const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(lines[i + 1 + k]!.trim());
        if (!entry) throw new Error('finalize: a cross-reference entry of an unexpected form');
        if (entry[3] === 'n' && !offsets.has(first + k)) offsets.set(first + k, Number(entry[1]));
      }
      i += 1 + count;
    }
    const prev = /\/Prev (\d+)/.exec(section[2]!)?.[1];
    at = prev === undefined ? undefined : Number(prev);
  }
  return offsets;
}

let profile: Buffer | undefined;
/** The sRGB ICC profile of the OutputIntent (assets/icc/sRGB.icc, zlib licence: assets/icc/README.md). */
function srgbProfile(): Buffer {
  profile ??= readFileSync(join(ROOT, 'assets', 'icc', 'sRGB.icc'));
  return profile;
}
