import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/**
 * Everything a PDF file says in characters, for checks that nothing hides in it: the raw bytes, every stream
 * inflated, and every string (literal and hex, UTF-16 included) decoded — metadata, bookmarks, structure-tree
 * alt texts and any hidden layer's text operators all show up here.
 */
export function pdfCharacters(file: string): string {
  const raw = readFileSync(file);
  const parts: string[] = [raw.toString('latin1')];
  const text = parts[0]!;
  const streams = /stream\r?\n/g;
  for (let m = streams.exec(text); m; m = streams.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      parts.push(inflateSync(raw.subarray(start, end)).toString('latin1'));
    } catch {
      // not a Flate stream (or not compressed): its raw bytes are already in parts[0]
    }
  }
  const all = parts.join('\n');
  return `${all}\n${decodeStrings(all).join('\n')}`;
}

function decodeStrings(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/<([0-9A-Fa-f\s]{4,})>/g)) out.push(decodeBytes(Buffer.from(m[1]!.replace(/\s/g, ''), 'hex')));
  for (const m of text.matchAll(/\(((?:\\.|[^\\)])*)\)/g)) {
    const bytes = m[1]!.replace(/\\([0-7]{1,3}|.)/g, (_, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e));
    out.push(decodeBytes(Buffer.from(bytes, 'latin1')));
  }
  return out;
}

function decodeBytes(b: Buffer): string {
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return b.toString('latin1');
}
