import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { SourceError } from '../errors.js';

/** The documents of a year: every `<name>.yaml` directly in content/<year>/. */
export async function listDocuments(contentDir: string, year: string): Promise<string[]> {
  const dir = join(contentDir, year);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw new SourceError(dir, undefined, undefined, `no such year: ${await howToStart(contentDir, year)}`);
  }
  const docs = entries.filter((e) => e.endsWith('.yaml') && !e.startsWith('.')).sort().map((e) => join(dir, e));
  if (docs.length === 0) throw new SourceError(dir, undefined, undefined, 'this year has no document: add e.g. kamerbrief.yaml');
  return docs;
}

/** The years of a content folder: its folders named by four digits, in order. */
export async function yearsIn(contentDir: string): Promise<string[]> {
  const entries = await readdir(contentDir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name)).map((e) => e.name).sort();
}

/** A year that does not exist is started from the latest one (`voortgang new`), or made by hand where there is none. */
async function howToStart(contentDir: string, year: string): Promise<string> {
  const latest = (await yearsIn(contentDir)).at(-1);
  const dir = join(contentDir, year);
  if (!latest) return `create ${dir}/ with a kamerbrief.yaml and its sections`;
  // The command as it is typed here: --content only when it is not the default ./content.
  const content = resolve(contentDir) === resolve('content') ? '' : ` --content ${relative(process.cwd(), contentDir) || '.'}`;
  return `create it from the latest year with voortgang new ${year} --from ${latest}${content} (or make ${relative(process.cwd(), dir) || dir}/ with a kamerbrief.yaml and its sections)`;
}
