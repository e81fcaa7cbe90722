import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, scratchCopy, voortgang } from './helpers/cli.js';

// The preview's PDF button prints "as build does": from the sources and layouts on disk when it is pressed.
// A save the watch has not turned into a rebuild yet (it waits for the burst of saves to end, and a rebuild
// already running delays the next) must not leave the button printing the layout of before the save.

interface Preview {
  session: { pdf(name: string): Promise<Array<{ pdfFile: string; htmlFile: string }>> };
  stop(): Promise<void>;
}

let dir: string;
let preview: Preview;

beforeAll(async () => {
  dir = scratchCopy(['content', 'templates']);
  const { startPreview } = (await import(join(ROOT, 'dist', 'voortgang.js'))) as { startPreview: (o: object) => Promise<Preview> };
  preview = await startPreview({ paths: { content: join(dir, 'content'), templates: join(dir, 'templates'), output: join(dir, 'output') }, year: '2022', document: 'kamerbrief', log: () => undefined, info: () => undefined });
}, 120_000);

afterAll(async () => {
  await preview?.stop();
});

describe('the PDF button right after a save', () => {
  it('prints the layout as saved, and the PDF verifies against the sources on disk', async () => {
    const descriptor = join(dir, 'templates', 'kamerbrief', 'layout.yaml');
    writeFileSync(descriptor, readFileSync(descriptor, 'utf8').replace(/tekst-links: \S+/, 'tekst-links: 23mm'));
    // Pressed at once, before the watch's quiet time (15 ms) has passed.
    const [written] = await preview.session.pdf('kamerbrief');
    expect(readFileSync(written!.htmlFile, 'utf8')).toContain('--tekst-links: 23mm;');
    const r = voortgang(['verify', written!.pdfFile, '--content', join(dir, 'content'), '--templates', join(dir, 'templates')]);
    expect(r.stdout).toMatch(/kamerbrief\.pdf: identical —/);
    expect(r.status).toBe(0);
  });

  it('a second PDF after a save of a section carries the hash of the sources it was printed from', async () => {
    await preview.session.pdf('kamerbrief');
    appendFileSync(join(dir, 'content', '2022', 'kamerbrief', '08-tot-slot.md'), '\nEen zin die na de eerste PDF is bewaard.\n');
    const [written] = await preview.session.pdf('kamerbrief');
    expect(readFileSync(written!.htmlFile, 'utf8')).toContain('Een zin die na de eerste PDF is bewaard.');
    const r = voortgang(['verify', written!.pdfFile, '--content', join(dir, 'content'), '--templates', join(dir, 'templates')]);
    expect(r.stdout).toMatch(/kamerbrief\.pdf: identical —/);
    expect(r.status).toBe(0);
  });
});
