import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** voortgang's own folder (holding package.json, templates/, src/), wherever the running code was built to. */
export const ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'voortgang') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find voortgang\'s package.json');
    dir = up;
  }
})();
