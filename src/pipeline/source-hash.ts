import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { FONT_DIR, FONT_FILES } from '../print/fonts.js';
import { VERSION } from '../version.js';

/**
 * The hash of everything a document is made from: its content files (letter data, sender, sections, data
 * sets), the layouts (templates/), the fonts and voortgang's version. Written into the PDF, so that `verify`
 * can tell whether today's sources are those of a file made years ago. Paths are relative (to content/,
 * templates/), so the same sources hash the same wherever they are checked out.
 */
export async function sourceHash(contentDir: string, inputs: string[], templatesDir: string): Promise<string> {
  const lines: string[] = [`voortgang ${VERSION}`];
  const add = async (group: string, base: string, file: string) => {
    lines.push(`${group}/${relative(base, file).split(sep).join('/')} ${await fileHash(file)}`);
  };
  for (const file of [...inputs].sort()) await add('content', contentDir, file);
  for (const file of (await listFiles(templatesDir)).sort()) await add('templates', templatesDir, file);
  lines.push(...(await (fontLines ??= hashFonts())));
  return `sha256:${createHash('sha256').update(lines.join('\n')).digest('hex')}`;
}

/** The fonts come from an npm package and do not change while a process runs: 2.7 MB hashed once (build --all). */
let fontLines: Promise<string[]> | undefined;
async function hashFonts(): Promise<string[]> {
  return Promise.all(FONT_FILES.map(async (font) => `fonts/${font} ${await fileHash(join(FONT_DIR, font))}`));
}

async function fileHash(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(path)));
    else if (e.isFile()) out.push(path);
  }
  return out;
}
