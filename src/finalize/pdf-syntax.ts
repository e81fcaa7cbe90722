// The pieces of PDF syntax finalize writes and reads: text strings and the objects of an incremental update.

/** An object of the incremental update: its number, generation and text (latin1: one character a byte). */
export interface UpdateObject {
  num: number;
  gen: number;
  text: string;
}

/** A PDF string as text: a literal string (with its escapes) or a hex string (UTF-16BE with a byte order mark, or bytes). */
export function decodePdfString(token: string): string {
  if (token.startsWith('<')) {
    const bytes = Buffer.from(token.slice(1, -1), 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const raw = token.slice(1, -1).replace(/\\([0-7]{1,3}|.)/gs, (_m, e: string) => (/^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : (escapes[e] ?? e)));
  const bytes = Buffer.from(raw, 'latin1');
  return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : raw;
}

/** A PDF text string: a literal string for plain ASCII, UTF-16BE with a byte order mark otherwise. */
export function pdfString(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}
