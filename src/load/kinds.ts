import { existsSync, type Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cached, cacheKey } from '../disk-cache.js';
import { SourceError } from '../errors.js';
import { SOURCE_FORMAT_ID } from './format-id.js';
import { fsProblem } from './source-files.js';
import { ROOT } from '../paths.js';
import type { LayoutDescriptor } from '../validate/layout-schema.js';

/**
 * The kinds of document of a layouts folder: every folder templates/<soort>/ that holds a layout.yaml. Its
 * descriptor says what the kind is — its facts, versions, page geometry, template — so that adding a kind is
 * a new folder and no code. Beside the kinds, templates/partials/ and templates/css/ hold what they share.
 */
export interface KindLayout {
  soort: string;
  dir: string;
  file: string;
  descriptor: LayoutDescriptor;
}

export interface Kinds {
  dir: string;
  kinds: Map<string, KindLayout>;
  /** A hash of every descriptor: part of the key of cached validations of data files. */
  key: string;
}

export const DESCRIPTOR = 'layout.yaml';

/**
 * The one discovery of the kinds of a layouts folder: their descriptors read and validated, once per run (once
 * per watch cycle in the preview, so that a changed descriptor is seen on the next rebuild; the run context
 * keeps them). Their validation is cached by their text.
 */
export async function loadKinds(templatesDir: string): Promise<Kinds> {
  if (!existsSync(templatesDir)) throw new SourceError(templatesDir, undefined, undefined, `no such folder — --templates names a folder of layouts: a folder per kind of document with its ${DESCRIPTOR}, and partials/ and css/ (voortgang's own are in ${join(ROOT, 'templates')})`);
  let entries;
  try {
    entries = await readdir(templatesDir, { withFileTypes: true });
  } catch (err) {
    throw new SourceError(templatesDir, undefined, undefined, fsProblem(err));
  }
  const folders = kindFolders(templatesDir, entries);
  if (folders.length === 0) throw new SourceError(templatesDir, undefined, undefined, `no kind of document here — a kind is a folder with a ${DESCRIPTOR} (see voortgang's own, ${join(ROOT, 'templates', 'kamerbrief')})`);
  const kinds = new Map<string, KindLayout>();
  const texts: string[] = [];
  for (const soort of folders) {
    if (!/^[a-z][a-z0-9-]*$/.test(soort)) throw new SourceError(join(templatesDir, soort), undefined, undefined, 'the folder of a kind of document is named as its soort: lower case letters, digits and -');
    const dir = join(templatesDir, soort);
    const file = join(dir, DESCRIPTOR);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new SourceError(file, undefined, undefined, fsProblem(err));
    }
    texts.push(soort, text);
    const descriptor = await cached('layout', cacheKey(SOURCE_FORMAT_ID, file, text), async () => (await import('../validate/validate-layout.js')).validateLayout(file, text));
    if (!existsSync(join(dir, descriptor.sjabloon))) throw new SourceError(file, undefined, undefined, `sjabloon: no file ${join(dir, descriptor.sjabloon)} — the template lies beside the descriptor`);
    kinds.set(soort, { soort, dir, file, descriptor });
  }
  return { dir: templatesDir, kinds, key: cacheKey(...texts) };
}

/** The layout of a document's soort (validation has checked that it exists). */
export function kindOf(kinds: Kinds, soort: string): KindLayout {
  const kind = kinds.kinds.get(soort);
  if (!kind) throw new Error(`no layout for soort ${soort}`);
  return kind;
}

/** The folders of a layouts folder that are kinds of document: those holding a descriptor, in name order. */
function kindFolders(templatesDir: string, entries: Dirent[]): string[] {
  return entries.filter((e) => e.isDirectory() && existsSync(join(templatesDir, e.name, DESCRIPTOR))).map((e) => e.name).sort();
}
