import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

/**
 * A content-addressed cache of derived files in node_modules/.cache/voortgang/<kind>/<key>: what is in it is a
 * pure function of its key (a hash of the input and of the versions of the code that made it), so an entry is
 * never stale and a missing or unreadable one only costs the work again.
 */
export function readCache(kind: string, key: string): string | undefined {
  try {
    return readFileSync(join(CACHE, kind, key), 'utf8');
  } catch {
    return undefined; // not cached yet
  }
}

export function writeCache(kind: string, key: string, text: string): void {
  const file = join(CACHE, kind, key);
  try {
    mkdirSync(join(CACHE, kind), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file); // whole or not at all, also with builds running side by side
  } catch {
    // a read-only install: the work is done again next time
  }
}

const CACHE = join(ROOT, 'node_modules', '.cache', 'voortgang');
