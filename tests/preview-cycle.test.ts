import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, scratchCopy } from './helpers/cli.js';

// The preview keeps one run: a browser, one page, and per watch cycle one run context (the kinds' descriptors,
// compiled layouts) read once for every document. A save of a layout file — a descriptor, a partial — must be
// seen on the very next rebuild, as a new `voortgang build` would see it; and what did not change stays.

interface VersionView {
  name: string;
  rev: number;
  snapshot?: string;
  error?: string;
}
interface Preview {
  session: { get(name: string): VersionView | undefined };
  onRebuilt(listener: (versions: VersionView[], at: number) => void): void;
  stop(): Promise<void>;
}

let dir: string;
let preview: Preview;
const rebuilt: VersionView[][] = [];

/** The next rebuild after `edit`: the versions it made again. */
async function afterSave(edit: () => void): Promise<VersionView[]> {
  const seen = rebuilt.length;
  edit();
  const deadline = Date.now() + 60_000;
  while (rebuilt.length === seen) {
    if (Date.now() > deadline) throw new Error('no rebuild within 60 s of the save');
    await new Promise((r) => setTimeout(r, 50));
  }
  // Saves arrive in bursts: let a second rebuild of the same burst finish too.
  await new Promise((r) => setTimeout(r, 400));
  return rebuilt.at(-1)!;
}

beforeAll(async () => {
  dir = scratchCopy(['content', 'templates']);
  const { startPreview } = (await import(join(ROOT, 'dist', 'voortgang.js'))) as { startPreview: (o: object) => Promise<Preview> };
  preview = await startPreview({ paths: { content: join(dir, 'content'), templates: join(dir, 'templates'), output: join(dir, 'output') }, year: '2022', document: 'kamerbrief', log: () => undefined, info: () => undefined });
  preview.onRebuilt((versions) => rebuilt.push(versions));
}, 120_000);

afterAll(async () => {
  await preview?.stop();
});

describe('the preview reads the layouts anew on each save', () => {
  it('a changed descriptor (layout.yaml) is in the next pages: its page geometry as the CSS variables', async () => {
    const before = { ...preview.session.get('kamerbrief')! };
    expect(before.snapshot).toContain('--tekst-links: 21mm;');
    const descriptor = join(dir, 'templates', 'kamerbrief', 'layout.yaml');
    const versions = await afterSave(() => writeFileSync(descriptor, readFileSync(descriptor, 'utf8').replace(/tekst-links: \S+/, 'tekst-links: 23mm')));
    const now = versions.find((v) => v.name === 'kamerbrief')!;
    expect(now.error).toBeUndefined();
    expect(now.rev).toBeGreaterThan(before.rev);
    expect(now.snapshot).toContain('--tekst-links: 23mm;');
    expect(now.snapshot).not.toContain('--tekst-links: 21mm;');
  });

  it('a changed partial shared by the kinds is in the next pages, and a broken one is reported at its line', async () => {
    const partial = join(dir, 'templates', 'partials', 'ondertekening.hbs');
    const fixed = await afterSave(() => appendFileSync(partial, '<p class="proefdruk">Proefdruk van de ondertekening</p>\n'));
    expect(fixed.find((v) => v.name === 'kamerbrief')!.snapshot).toContain('Proefdruk van de ondertekening');
    const lines = readFileSync(partial, 'utf8').split('\n').length;
    const broken = await afterSave(() => appendFileSync(partial, '{{#if brief.datum}}\n'));
    // The partial's own file and the line of the block never closed, as a build reports it.
    expect(broken.find((v) => v.name === 'kamerbrief')!.error).toBe(`${relative(process.cwd(), partial)}:${lines}:1: template syntax: {{#if brief.datum}} is never closed — add {{/if}} where the block ends`);
    // The last good pages stay.
    expect(preview.session.get('kamerbrief')!.snapshot).toContain('Proefdruk van de ondertekening');
  });
});
