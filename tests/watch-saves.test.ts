import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchSources } from '../src/preview/watch.js';

// The watch says it sees "editors that save by writing a new file and renaming it over the old one" (sed -i,
// JetBrains' safe write, gedit, vim with backupcopy=no). Each such save must be seen — not only the first.

/** Saves `file` as those editors do: a new file beside it, renamed over it. */
function saveByRename(file: string, text: string): void {
  writeFileSync(`${file}.new`, text);
  renameSync(`${file}.new`, file);
}

async function seenAfter(save: () => void, count: () => number): Promise<boolean> {
  const before = count();
  save();
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    if (count() > before) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('the preview watch and saves by rename', () => {
  it('sees the second and third save of a data file saved by rename', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-watch-'));
    mkdirSync(join(dir, 'kamerbrief'));
    const file = join(dir, 'kamerbrief.yaml');
    writeFileSync(file, 'datum: 2022-12-14\n');
    let calls = 0;
    const watch = watchSources([dir], () => calls++);
    try {
      await watch.ready;
      const seen = [];
      seen.push(await seenAfter(() => saveByRename(file, 'datum: 2022-13-45\n'), () => calls));
      seen.push(await seenAfter(() => saveByRename(file, 'datum: 2022-12-14\n'), () => calls));
      seen.push(await seenAfter(() => saveByRename(file, 'datum: 2022-12-15\n'), () => calls));
      expect(seen).toEqual([true, true, true]);
    } finally {
      await watch.close();
    }
  });
});
