import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lineColumnAt, SourceError } from '../errors.js';
import { ORIGIN, OfflineRenderError } from '../print/render-pdf.js';

/**
 * Rendering is offline; when the page asks for a URL anyway, the user needs to know which file asked. The URL
 * (or, for one on the page's own origin, its path and file name) is looked up in the layouts and the
 * document's sources; the first file that names it is blamed at its line and column.
 */
export async function locateRequest(err: OfflineRenderError, sources: string[], templatesDir: string): Promise<Error> {
  const files = [...(await listFiles(templatesDir)), ...sources];
  for (const url of err.urls) {
    const needles = [url];
    if (url.startsWith(`${ORIGIN}/`)) {
      const path = new URL(url).pathname;
      needles.push(path.slice(1), path.split('/').pop() ?? '');
    }
    for (const needle of needles.filter((n) => n.length > 3)) {
      for (const file of files) {
        const text = await readFile(file, 'utf8').catch(() => '');
        const at = text.indexOf(needle);
        if (at < 0) continue;
        const { line, column } = lineColumnAt(text, at);
        return new SourceError(file, line, column, `rendering asked for ${url}; voortgang renders offline — remove the reference, or put what it points at in the letter itself`);
      }
    }
  }
  return err;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}
