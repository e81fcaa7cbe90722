import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT, voortgang } from './helpers/cli.js';

const first = () => readFileSync(join(inject('output'), '2022', 'kamerbrief.pdf'));

describe('same sources, same bytes', () => {
  it('a second build in a fresh process writes a byte-identical PDF', () => {
    const output = join(mkdtempSync(join(tmpdir(), 'voortgang-again-')), 'output');
    const r = voortgang(['build', '2022', '--output', output]);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(output, '2022', 'kamerbrief.pdf')).equals(first())).toBe(true);
  });

  it('rebuilds in a browser that printed before write the same bytes as a cold build', async () => {
    // Table-header structure ids in tagged PDFs come from the renderer's node counter: finalize renumbers them.
    const { buildDocument, inlinePreparer, launchBrowser, Renderer } = await import(join(ROOT, 'dist', 'voortgang.js'));
    const output = join(mkdtempSync(join(tmpdir(), 'voortgang-warm-')), 'output');
    const paths = { content: join(ROOT, 'content'), templates: join(ROOT, 'templates'), output };
    const browser = await launchBrowser();
    try {
      const renderer = Promise.resolve(new Renderer(browser));
      for (let i = 0; i < 3; i++) {
        await buildDocument(paths, '2022', join(ROOT, 'content', '2022', 'kamerbrief.yaml'), inlinePreparer, renderer);
        expect(readFileSync(join(output, '2022', 'kamerbrief.pdf')).equals(first()), `rebuild ${i + 1}`).toBe(true);
      }
    } finally {
      await browser.close();
    }
  });
});
