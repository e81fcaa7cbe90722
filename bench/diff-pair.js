// node bench/diff-pair.js DIR [COPIES] [heavy|light] — a revision pair for timing `voortgang diff` on a long letter
// with many rewritten paragraphs. Nothing is timed here: it writes the two revisions and prints the command to time
// (e.g. with /usr/bin/time -v, several runs; or against another checkout's bin/voortgang.js, run for run).
//
//   DIR/old/content   the synthetic Kamerbrief of bench/synthetic.js: the 2022 body COPIES times (default 8)
//   DIR/new/content   the same with every paragraph of prose rewritten (a line that starts with a capital; lists,
//                     headings, tables and fenced blocks stay as they are):
//                       heavy (default): every word of four letters or more written backwards — no paragraph is
//                                 alike enough to its old self to be one paragraph changed, so each is removed and
//                                 inserted, and the search for moved paragraphs compares every inserted paragraph
//                                 with every removed one (at 8 copies: 360 paragraphs, 206 redline pages)
//                       light:    every second such word — each paragraph is one paragraph changed
//                     Footnote calls and labels, {{…}} figures and link targets are left alone, so both revisions build.
//
// The same DIR, COPIES and kind write the same files, byte for byte.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { syntheticContent } from './synthetic.js';

const [dir, copiesArg = '8', kind = 'heavy'] = process.argv.slice(2);
const copies = Number(copiesArg);
if (!dir || !Number.isInteger(copies) || copies < 1 || (kind !== 'heavy' && kind !== 'light')) {
  process.stderr.write('usage: node bench/diff-pair.js DIR [COPIES] [heavy|light]\n');
  process.exit(2);
}
const every = kind === 'heavy' ? 1 : 2;
const root = resolve(import.meta.dirname, '..');

rmSync(dir, { recursive: true, force: true });
syntheticContent(join(dir, 'old'), copies);
cpSync(join(dir, 'old'), join(dir, 'new'), { recursive: true });

const body = join(dir, 'new', 'content', '2022', 'kamerbrief');
let paragraphs = 0;
for (const file of readdirSync(body).sort()) {
  let fenced = false;
  const lines = readFileSync(join(body, file), 'utf8')
    .split('\n')
    .map((line) => {
      if (/^(`{3,}|~{3,})/.test(line)) fenced = !fenced;
      if (fenced || !/^\p{Lu}/u.test(line)) return line;
      paragraphs++;
      let n = 0;
      // [^label], [text] and (target), {{figure}}: kept; the words between them rewritten.
      return line
        .split(/(\[[^\]]*\]|\{\{[^}]*\}\}|\([^)]*\))/)
        .map((part, i) => (i % 2 ? part : part.replace(/\p{Ll}{4,}/gu, (word) => (++n % every === 0 ? [...word].reverse().join('') : word))))
        .join('');
    });
  writeFileSync(join(body, file), lines.join('\n'));
}

const rel = (p) => relative(root, resolve(p));
process.stdout.write(`${paragraphs} paragraphs rewritten (${kind}), ${copies} copies of the 2022 body\n`);
process.stdout.write(`node bin/voortgang.js diff 2022 --from ${rel(join(dir, 'old', 'content'))} --to ${rel(join(dir, 'new', 'content'))} --content ${rel(join(dir, 'new', 'content'))} --output ${rel(join(dir, 'output'))}\n`);
