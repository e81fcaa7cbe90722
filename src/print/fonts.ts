import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The faces the layouts use (templates/css/huisstijl.css), shipped by the npm package dejavu-fonts-ttf. */
const require = createRequire(import.meta.url);
export const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'] as const;


const faces = new Map<string, Promise<Buffer>>();

/**
 * The face a page asks for at `/fonts/<file>` (one of FONT_FILES), read once per process; undefined for any
 * other path. The printing page and the preview's server both serve the faces from here.
 */
export function faceAt(path: string): Promise<Buffer> | undefined {
  const name = /^\/fonts\/([A-Za-z0-9-]+\.ttf)$/.exec(path)?.[1];
  if (!name || !(FONT_FILES as readonly string[]).includes(name)) return undefined;
  let face = faces.get(name);
  if (!face) {
    face = readFile(join(FONT_DIR, name));
    face.catch(() => faces.delete(name));
    faces.set(name, face);
  }
  return face;
}
