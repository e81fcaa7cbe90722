import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { lineColumnAt, SourceError } from '../errors.js';

/**
 * The one way sources are read. A file is read only when it really lies inside the content folder (a symbolic
 * link is followed and refused when it leads outside), only as strict UTF-8, and only without the Unicode
 * controls that make text display in another order than it is stored (a kenmerk "4355467" shown as
 * "7645534"). Every failure is a SourceError naming the file — and the line and column where there is one.
 */
export async function readSourceText(file: string, root: string): Promise<string> {
  await confine(file, root);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new SourceError(file, undefined, undefined, fsProblem(err));
  }
  const text = decodeUtf8(file, bytes);
  const bidi = BIDI.exec(text);
  if (bidi) {
    const { line, column } = lineColumnAt(text, bidi.index);
    const cp = bidi[0].codePointAt(0)!;
    throw new SourceError(file, line, column, `a bidirectional control character U+${cp.toString(16).toUpperCase().padStart(4, '0')} (${BIDI_NAMES[cp] ?? 'bidi control'}): it makes text display in another order than it is written — delete it (it is invisible in most editors; search for \\u${cp.toString(16).padStart(4, '0')})`);
  }
  return text;
}

/** The files of a folder inside the content folder whose names end with `ext`, sorted; folders and other kinds refused. */
export async function listSourceFiles(dir: string, root: string, ext: string): Promise<string[]> {
  await confine(dir, root);
  const names = (await readdir(dir)).filter((f) => f.endsWith(ext) && !f.startsWith('.')).sort();
  const files = names.map((n) => join(dir, n));
  for (const f of files) {
    let s;
    try {
      s = await stat(f);
    } catch (err) {
      throw new SourceError(f, undefined, undefined, fsProblem(err));
    }
    if (!s.isFile()) throw new SourceError(f, undefined, undefined, `is ${s.isDirectory() ? 'a folder' : 'not a regular file'}, not a ${ext} file — rename or remove it`);
  }
  return files;
}

/** Refuses a path whose real location (symbolic links followed) is outside the content folder. */
async function confine(path: string, root: string): Promise<void> {
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(path), realRootOf(root)]);
  } catch (err) {
    throw new SourceError(path, undefined, undefined, fsProblem(err));
  }
  const rel = relative(realRoot, real);
  if (rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))) return;
  throw new SourceError(path, undefined, undefined, `leads to ${real}, outside the content folder ${root} (a symbolic link?) — voortgang reads sources only from the content folder: copy the file in instead of linking to it`);
}

/** The content folder's real path, resolved once per folder and process (every source file is checked against it). */
const realRoots = new Map<string, Promise<string>>();
function realRootOf(root: string): Promise<string> {
  let real = realRoots.get(root);
  if (!real) {
    real = realpath(root);
    realRoots.set(root, real);
    real.catch(() => realRoots.delete(root));
  }
  return real;
}

export function fsProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read: permission denied — give yourself read access (e.g. chmod u+r)';
    case 'EISDIR':
      return 'is a folder, where a file is expected';
    case 'ENOTDIR':
      return 'a part of this path is a file, where a folder is expected';
    case 'ELOOP':
      return 'is a symbolic link that leads in a circle — replace it by the file itself';
    case 'EMFILE':
    case 'ENFILE':
      return 'cannot be opened: too many open files on this machine — close programs and try again';
    default:
      return `cannot be read (${code ?? String(err)})`;
  }
}

/** Strict UTF-8: the first invalid byte is an error at its line and column. A leading BOM is dropped. */
function decodeUtf8(file: string, bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Find the first bad byte: the longest prefix that decodes.
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (validPrefix(bytes.subarray(0, mid))) lo = mid;
      else hi = mid - 1;
    }
    // The prefix may end in the first bytes of a character that never completes: the error is at its first byte.
    let lead = lo;
    while (lead > 0 && lo - lead < 3 && (bytes[lead - 1]! & 0xc0) === 0x80) lead--;
    if (lead > 0) {
      const b = bytes[lead - 1]!;
      const needs = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
      if (needs > lo - lead) lo = lead - 1;
    }
    const good = new TextDecoder('utf-8').decode(bytes.subarray(0, lo));
    const { line, column } = lineColumnAt(good, good.length);
    throw new SourceError(file, line, column, `is not valid UTF-8 here (byte 0x${bytes[lo]?.toString(16).padStart(2, '0')}) — save the file as UTF-8 (in most editors: "Save with encoding", UTF-8)`);
  }
}

/** A prefix decodes when it is valid UTF-8 up to a possibly unfinished last character. */
function validPrefix(prefix: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}


const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const BIDI_NAMES: Record<number, string> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};
