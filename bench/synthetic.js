// The synthetic long Kamerbrief of bench/scale.js (and tests/scale.test.ts): the 2022 body repeated.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/**
 * Writes `<dir>/content/` with the 2022 Kamerbrief (its kamerbrief.yaml, afzender and data) whose body is
 * content/2022/kamerbrief/*.md repeated `copies` times — copy k of `NN-x.md` is `k-NN-x.md`, so the copies
 * follow each other in file-name order — with each copy's footnote labels renamed `[^label]` → `[^label-kK]`
 * (a call and its definition `[^label]: …` together), so that labels stay unique per file and every note is
 * its own. Returns the content folder.
 */
export function syntheticContent(dir, copies) {
  const src = join(root, 'content');
  const content = join(dir, 'content');
  mkdirSync(join(content, '2022', 'kamerbrief'), { recursive: true });
  cpSync(join(src, 'afzenders'), join(content, 'afzenders'), { recursive: true });
  cpSync(join(src, '2022', 'data'), join(content, '2022', 'data'), { recursive: true });
  // The letter alone: without the list of its bijlagen (the bijlage is not copied along).
  writeFileSync(join(content, '2022', 'kamerbrief.yaml'), readFileSync(join(src, '2022', 'kamerbrief.yaml'), 'utf8').replace(/^bijlagestukken:.*\n(?:[ \t]+.*\n)*/m, ''));
  const body = readdirSync(join(src, '2022', 'kamerbrief')).filter((f) => f.endsWith('.md')).sort();
  const width = String(copies).length;
  for (let k = 1; k <= copies; k++) {
    for (const f of body) {
      const text = readFileSync(join(src, '2022', 'kamerbrief', f), 'utf8');
      // `[^label]` is both the call and the start of the definition `[^label]: …`: renamed together.
      const renamed = text.replace(/\[\^([^\]\s]+)\]/g, `[^$1-k${k}]`);
      writeFileSync(join(content, '2022', 'kamerbrief', `${String(k).padStart(width, '0')}-${f}`), renamed);
    }
  }
  return content;
}

