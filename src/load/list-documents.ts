import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError } from '../errors.js';

/** The documents of a year: every `<name>.yaml` directly in content/<year>/. */
export async function listDocuments(contentDir: string, year: string): Promise<string[]> {
  const dir = join(contentDir, year);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw new SourceError(dir, undefined, undefined, `no such year: create ${dir}/ with a kamerbrief.yaml and its sections`);
  }
  const docs = entries.filter((e) => e.endsWith('.yaml') && !e.startsWith('.')).sort().map((e) => join(dir, e));
  if (docs.length === 0) throw new SourceError(dir, undefined, undefined, 'this year has no document: add e.g. kamerbrief.yaml');
  return docs;
}
