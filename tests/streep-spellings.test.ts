import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { scratchCopy, voortgang } from './helpers/cli.js';
import { refusedBuilds } from './helpers/refused-builds.js';
import { contains, pdfWords } from './helpers/pdf-words.js';

/**
 * Every way a person may type the streep of a beslisnota either is the streep — the public version ends there —
 * or stops the build at its file:line:column with what to write, leaving the previous PDFs as they were. Each
 * case is a real build of a scratch copy of content/ with the streep of 05-niet-openbaar.md (line 11) respelled.
 */
const SECTION = join('content', '2023', 'beslisnota', '05-niet-openbaar.md');
const FENCE = '```streep\n';
const SENTENCE = 'Alles onder deze streep wordt verwijderd.';
// What stands below the streep in the 2023 beslisnota (content/2023/beslisnota/05-niet-openbaar.md).
const BELOW = ['Vermeld hier informatie waarvan openbaarmaking evident in strijd is met het belang van de Staat', 'Grondwet', '5.2 Informatie die niet openbaar gemaakt kan worden'];

/** The section with its streep block rewritten: `open` for the opening fence line, `close` for the closing one. */
function respell(md: string, open: string, close = '```'): string {
  const start = md.indexOf(FENCE);
  const end = md.indexOf('\n```\n', start);
  if (start < 0 || end < 0) throw new Error('no streep block in the section');
  return `${md.slice(0, start)}${open}\n${md.slice(start + FENCE.length, end)}\n${close}\n${md.slice(end + 5)}`;
}

function build(dir: string, output = join(dir, 'output')) {
  return voortgang(['build', '2023', '--content', join(dir, 'content'), '--output', output], { cwd: dir });
}

describe('spellings that are the streep: the public version ends there', () => {
  const spellings = [
    { name: '```Streep (capital S)', open: '```Streep' },
    { name: '```STREEP', open: '```STREEP' },
    { name: '```streep with trailing spaces', open: '```streep   ' },
    { name: '~~~streep (tildes)', open: '~~~streep', close: '~~~' },
    { name: 'indented three spaces, blanks around the name, mixed case', open: '   ```  sTrEeP  ' },
    { name: '````streep (four backticks)', open: '````streep', close: '````' },
  ];
  for (const s of spellings) {
    it(s.name, async () => {
      const dir = scratchCopy(['content']);
      const file = join(dir, SECTION);
      writeFileSync(file, respell(readFileSync(file, 'utf8'), s.open, s.close));
      const r = build(dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = join(dir, 'output', '2023');
      const html = (name: string) => readFileSync(join(out, `${name}.html`), 'utf8');
      // Printed as the streep (a rule with its sentence), not as a code block, in both versions; written at line 11 of
      // the fifth section (data-bron, as every block).
      for (const name of ['beslisnota', 'beslisnota-openbaar']) {
        expect(html(name)).toMatch(/<div class="streep[^"]*" role="separator" data-bron="4:11"><p>Alles onder deze streep wordt verwijderd\./);
        expect(html(name)).not.toMatch(/<pre|<code/);
      }
      const [intern, openbaar] = await Promise.all([pdfWords(join(out, 'beslisnota.pdf')), pdfWords(join(out, 'beslisnota-openbaar.pdf'))]);
      expect(contains(openbaar.channels.pageText, SENTENCE)).toBe(true);
      for (const w of BELOW) {
        for (const channel of ['pageText', 'bookmarks', 'everything'] as const) expect(contains(openbaar.channels[channel], w), `${channel}: "${w}"`).toBe(false);
        expect(contains(html('beslisnota-openbaar'), w), `public HTML: "${w}"`).toBe(false);
        expect(contains(intern.channels.pageText, w), `internal: "${w}"`).toBe(true);
      }
    });
  }
});

describe('spellings that are not the streep: the build stops at the fence, the PDFs stay as they were', () => {
  const at = `${SECTION}:11:1`;
  const cases: Array<{ name: string; edit: (md: string) => string; message: string }> = [
    {
      name: '```streep extra (a word after the name)',
      edit: (md) => respell(md, '```streep extra'),
      message: `${at}: \`\`\`streep extra: a streep block has nothing after its name on the fence line — write \`\`\`streep alone on the line, and the sentence under the rule on the lines below it`,
    },
    {
      name: '~~~Streep niet openbaar (words after the name, tildes, capital)',
      edit: (md) => respell(md, '~~~Streep niet openbaar', '~~~'),
      message: `${at}: ~~~Streep niet openbaar: a streep block has nothing after its name on the fence line — write ~~~streep alone on the line, and the sentence under the rule on the lines below it`,
    },
    {
      name: '``` alone (a fence without a name)',
      edit: (md) => respell(md, '```'),
      message: `${at}: a fenced block without a name (\`\`\` alone) would print its lines as code — name the block (\`\`\`streep, \`\`\`tabel, \`\`\`grafiek), or delete the fence lines to print the text as a paragraph`,
    },
    {
      name: '```strep (a typing slip: an unknown name)',
      edit: (md) => respell(md, '```strep'),
      message: `${at}: \`\`\`strep is not a block voortgang knows, and would print its lines as code — the blocks are \`\`\`streep, \`\`\`tabel, \`\`\`grafiek; to print the text, delete the fence lines`,
    },
    {
      name: '```streep: (a colon after the name)',
      edit: (md) => respell(md, '```streep:'),
      message: `${at}: \`\`\`streep: is not a block voortgang knows, and would print its lines as code — the blocks are \`\`\`streep, \`\`\`tabel, \`\`\`grafiek; to print the text, delete the fence lines`,
    },
    {
      name: 'the block indented four spaces (an indented code block)',
      edit: (md) => respell(md, '    ```streep', '    ```').replace(`\n${SENTENCE}`, `\n    ${SENTENCE}`),
      message: `${at}: a line indented by four spaces or more is read as a code block and would be printed as code — take the indentation away (to continue a list item, indent as far as the item's text)`,
    },
    {
      name: '```streep``` on one line with the sentence (inline code)',
      edit: (md) => md.replace(/```streep\n([^\n]*)\n```\n/, '```streep``` $1\n'),
      message: `${at}: a streep written on one line with its fences is inline code, printed as text — write \`\`\`streep on a line of its own, the sentence on the next lines, and \`\`\` on a line of its own below them`,
    },
  ];

  const refused = refusedBuilds(['beslisnota.pdf', 'beslisnota-openbaar.pdf', 'beslisnota.html', 'beslisnota-openbaar.html']);

  cases.forEach((c, i) => {
    it(c.name, () => {
      // A copy of the sources beside the output of the good build: the failed build must leave that output alone.
      const dir = refused.copy(i);
      const file = join(dir, SECTION);
      writeFileSync(file, c.edit(readFileSync(file, 'utf8')));
      const r = refused.build(dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`${c.message}\n`);
      refused.expectUntouched();
    });
  });
});

describe('the same rule for the other blocks', () => {
  it('```Tabel and ~~~TABEL are the tabel: the 2022 letter prints as it does with ```tabel (the same HTML)', () => {
    const dir = scratchCopy(['content']);
    for (const [file, fence] of [['02-ontwikkeling-hic.md', '```Tabel'], ['04-opsporing-vervolging.md', '~~~TABEL']] as const) {
      const path = join(dir, 'content', '2022', 'kamerbrief', file);
      const md = readFileSync(path, 'utf8');
      const start = md.indexOf('```tabel\n');
      const end = md.indexOf('\n```\n', start);
      writeFileSync(path, `${md.slice(0, start)}${fence}\n${md.slice(start + 9, end)}\n${fence.slice(0, 3)}\n${md.slice(end + 5)}`);
      expect(readFileSync(path, 'utf8')).not.toContain('```tabel');
    }
    const r = voortgang(['build', '2022', '--content', join(dir, 'content'), '--output', join(dir, 'output')], { cwd: dir });
    expect(r.stderr).toBe('');
    const html = (root: string) => readFileSync(join(root, '2022', 'kamerbrief.html'), 'utf8');
    expect(html(join(dir, 'output'))).toBe(html(inject('output')));
  });
});

