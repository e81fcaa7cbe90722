import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

/**
 * A content-addressed cache of derived data (syntax trees, validated sources, chart drawings): in memory for
 * the life of the process and as JSON in node_modules/.cache/voortgang/<kind>/<key>.json. What is in it is a
 * pure function of its key (a hash of the input and of the versions of the code that made it), so an entry is
 * never stale and a missing or unreadable one only costs the work again. Values are shared: read-only.
 */
export async function cached<T>(kind: string, key: string, compute: () => T | Promise<T>): Promise<T> {
  const id = `${kind}/${key}`;
  const known = memory.get(id) as T | undefined;
  if (known !== undefined) return known;
  const text = readCache(kind, key);
  let value: T;
  if (text !== undefined) value = JSON.parse(text) as T;
  else {
    value = await compute();
    writeCache(kind, key, JSON.stringify(value));
  }
  if (memory.size > 2000) memory.clear();
  memory.set(id, value);
  return value;
}

/** The key of an entry: a hash of its parts (input text, versions of the code that derives from it). */
export function cacheKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

const memory = new Map<string, unknown>();

function readCache(kind: string, key: string): string | undefined {
  try {
    return readFileSync(join(CACHE, kind, `${key}.json`), 'utf8');
  } catch {
    return undefined; // not cached yet
  }
}

function writeCache(kind: string, key: string, text: string): void {
  const file = join(CACHE, kind, `${key}.json`);
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
