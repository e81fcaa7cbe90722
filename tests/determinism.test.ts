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
    const { Run, runJob } = await import(join(ROOT, 'dist', 'voortgang.js'));
    const output = join(mkdtempSync(join(tmpdir(), 'voortgang-warm-')), 'output');
    const run = new Run({ content: join(ROOT, 'content'), templates: join(ROOT, 'templates'), output });
    try {
      // One page of one browser, as the preview's PDF button uses it: the job's whole chain three times.
      const page = run.printer.openPage();
      const job = { kind: 'document', year: '2022', dataFile: join(ROOT, 'content', '2022', 'kamerbrief.yaml'), label: '2022/kamerbrief' };
      for (let i = 0; i < 3; i++) {
        await runJob(run, job, page.renderer);
        expect(readFileSync(join(output, '2022', 'kamerbrief.pdf')).equals(first()), `rebuild ${i + 1}`).toBe(true);
      }
    } finally {
      await run.close();
    }
  });
});
