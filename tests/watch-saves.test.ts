import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchSources } from '../src/preview/watch.js';

// The watch must see "editors that save by writing a new file and renaming it over the old one" (sed -i,
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

  it('sees saves in a folder made after it started (the sections of a new document), in place as well as by rename', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-watch-'));
    let calls = 0;
    const watch = watchSources([dir], () => calls++);
    try {
      await watch.ready;
      const sections = join(dir, 'nota');
      expect(await seenAfter(() => mkdirSync(sections), () => calls)).toBe(true);
      const file = join(sections, '01-inleiding.md');
      expect(await seenAfter(() => writeFileSync(file, '# Inleiding\n'), () => calls)).toBe(true);
      expect(await seenAfter(() => writeFileSync(file, '# Inleiding\n\nTekst.\n'), () => calls)).toBe(true);
      expect(await seenAfter(() => saveByRename(file, '# Inleiding\n\nAndere tekst.\n'), () => calls)).toBe(true);
      // An editor's scratch file is no change.
      expect(await seenAfter(() => writeFileSync(join(sections, '.01-inleiding.md.swp'), 'x'), () => calls)).toBe(false);
    } finally {
      await watch.close();
    }
  });
});
