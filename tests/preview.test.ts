import { createHash } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { previewScript } from '../scripts/browser-bundle.mjs';
import type { PreviewHook } from '../src/preview/client/protocol.js';
import { startServer } from '../src/preview/server.js';
import type { PreviewSession } from '../src/preview/session.js';
import { ROOT, scratchCopy } from './helpers/cli.js';
import { readLetter } from './helpers/pdf-text.js';

// The preview as a user runs it: `voortgang preview 2022` on a copy of the content, looked at in a real browser
// (the bundled Chromium, launched the one way voortgang launches one).
const { launchBrowser } = (await import(join(ROOT, 'dist', 'voortgang.js'))) as { launchBrowser: () => Promise<Browser> };

let dir: string;
let proc: ChildProcess;
let url: string;
let port: number;
let stderr = '';
/** What the preview printed until its URL. */
let started = '';
let browser: Browser;
let page: Page;

const section = () => join(dir, 'content', '2022', 'kamerbrief', '01-inleiding.md');
const dataFile = () => join(dir, 'content', '2022', 'data', 'hic.yaml');
const frame = (): Frame => page.frames().find((f) => f !== page.mainFrame())!;
const pagesText = () => frame().evaluate(() => Array.from(document.querySelectorAll('.pagina'), (p) => (p.textContent ?? '').replace(/\s+/g, ' ')));
/** The first words of each page's text column: where a page starts. */
const startsOf = (f: Frame | Page) => f.evaluate(() => Array.from(document.querySelectorAll('.pagina .pagina-inhoud'), (c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)));

/** A request with the Host header a page of another site would send after re-pointing its name (DNS rebinding). */
function get(path: string, host: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Every process below `pid` (Chromium and its helpers), from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}
/** What the page keeps for tests on window.voortgangPreview. */
const hook = () => page.evaluate(() => (window as unknown as { voortgangPreview: PreviewHook }).voortgangPreview);
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

beforeAll(async () => {
  dir = scratchCopy();
  proc = spawn(process.execPath, [join(ROOT, 'bin', 'voortgang.js'), 'preview', '2022', '--content', 'content', '--output', 'output'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stderr!.on('data', (c) => (stderr += c));
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c) => {
      out += c;
      const m = /voortgang preview: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
      if (m && !started) {
        started = out.slice(0, m.index + m[0].length + 1);
        resolve(m[1]!);
      }
    });
    proc.on('exit', (code) => reject(new Error(`preview exited with ${code}: ${stderr}`)));
  });
  port = Number(new URL(url).port);
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  await page.goto(url);
  await page.waitForFunction(() => Number(document.documentElement.dataset.rev) >= 1);
});

afterAll(async () => {
  await browser?.close();
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
});

describe('voortgang preview 2022', () => {
  it('shows the letter paginated exactly as build prints it: the same 13 pages, starting with the same words', async () => {
    const built = readFileSync(join(inject('output'), '2022', 'kamerbrief.html'), 'utf8');
    const printed = await readLetter(join(inject('output'), '2022', 'kamerbrief.pdf'));
    const served = await get('/2022/kamerbrief.html', `127.0.0.1:${port}`);
    expect(served.body).toBe(built); // the paginated HTML the PDF was printed from, byte for byte

    const shown = await startsOf(frame());
    expect(shown.length).toBe(13);
    expect(shown.length).toBe(printed.length);
    const check = await browser.newPage();
    await check.setContent(built);
    expect(shown).toEqual(await startsOf(check));
    await check.close();
    expect((await pagesText())[0]).toContain('Hierbij sturen wij u de jaarlijkse rapportage over de aanpak van high impact crimes (HIC).');
    await page.screenshot({ path: '/tmp/preview-pages.png' });
  });

  it("serves the page's script exactly as esbuild bundles src/preview/client/ now: a bundle older than its source fails here", async () => {
    const shell = await get('/', `127.0.0.1:${port}`);
    expect(shell.body).toContain('<script src="/preview.js"></script>');
    expect(shell.body).toContain('<script type="application/json" id="config">{"year":"2022","doc":"kamerbrief"}</script>');
    // A document name cannot end the settings' script element: its < is written \u003c.
    const hostile = await get(`/?doc=${encodeURIComponent('</script><script>alert(1)</script>')}`, `127.0.0.1:${port}`);
    expect(hostile.body).toContain('<script type="application/json" id="config">{"year":"2022","doc":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}</script>');
    const served = await get('/preview.js', `127.0.0.1:${port}`);
    expect(served.status).toBe(200);
    expect(served.type).toBe('text/javascript; charset=utf-8');
    expect(served.body, 'the preview serves another script than src/preview/client/ bundles to now: run npm run build').toBe(await previewScript());
    // The page runs it: the script's hook on window holds the pages it shows.
    expect(await hook()).toMatchObject({ doc: 'kamerbrief', error: null });
    expect((await hook()).rev).toBeGreaterThanOrEqual(1);
  });

  it('a saved section shows its new sentence without a reload, with the page being read kept in view', async () => {
    // Read page 5, a little down.
    await frame().evaluate(() => {
      const p = document.querySelectorAll('.pagina')[4] as HTMLElement;
      window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY + 120);
      (window as unknown as { kept: boolean }).kept = true;
    });
    await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
    const before = await frame().evaluate(() => window.scrollY);
    const updates = await page.evaluate(() => (window as unknown as { voortgangPreview: { updates: number } }).voortgangPreview.updates);

    // An editor that saves by renaming a new file over the old one.
    const text = readFileSync(section(), 'utf8');
    writeFileSync(`${section()}.new`, text.replace('Hierbij sturen wij u de jaarlijkse rapportage', 'Hierbij sturen wij u de vernieuwde jaarlijkse rapportage'));
    const { renameSync } = await import('node:fs');
    renameSync(`${section()}.new`, section());
    await page.waitForFunction((n) => (window as unknown as { voortgangPreview: { updates: number } }).voortgangPreview.updates > n, { timeout: 20_000 }, updates);

    expect((await pagesText())[0]).toContain('Hierbij sturen wij u de vernieuwde jaarlijkse rapportage over de aanpak');
    expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    expect(await frame().evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    // Page 1 changed but the reader is on page 5 — a later page's edit is the usual case; here the first changed
    // page is out of sight, so it is brought into view.
    const top = await frame().evaluate(() => window.scrollY);
    expect(top).toBeLessThan(before);
    expect(Math.abs(top - (await frame().evaluate(() => (document.querySelectorAll('.pagina')[0] as HTMLElement).getBoundingClientRect().top + window.scrollY)))).toBeLessThan(1);

    // An edit on the page being read: it stays where it is on the screen.
    const five = await frame().evaluate(() => {
      const p = document.querySelectorAll('.pagina')[4] as HTMLElement;
      window.scrollTo(0, p.getBoundingClientRect().top + window.scrollY + 120);
      return { y: window.scrollY, text: (p.querySelector('.pagina-inhoud p')?.getAttribute('data-bron') ?? '') };
    });
    const [index, line] = five.text.split(':').map(Number);
    const sections = JSON.parse((await get('/api/state?doc=kamerbrief', `127.0.0.1:${port}`)).body) as { sections: { path: string }[] };
    const file = sections.sections[index!]!.path;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[line! - 1] = lines[line! - 1]!.replace(/(\s)(\S+)(\s)/, '$1woord$3');
    const updates2 = await page.evaluate(() => (window as unknown as { voortgangPreview: { updates: number } }).voortgangPreview.updates);
    writeFileSync(file, lines.join('\n'));
    await page.waitForFunction((n) => (window as unknown as { voortgangPreview: { updates: number } }).voortgangPreview.updates > n, { timeout: 20_000 }, updates2);
    expect(Math.abs((await frame().evaluate(() => window.scrollY)) - five.y)).toBeLessThan(1);
  });

  it('a click on a paragraph, heading, table cell or footnote names its source file:line, with a vscode:// link', async () => {
    const clickOn = async (selector: string) => {
      const el = await frame().$(selector);
      await el!.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await el!.click();
      return page.evaluate(() => ({ text: document.getElementById('bron')!.textContent, href: document.querySelector('#bron a')?.getAttribute('href') }));
    };
    const lineOf = (file: string, n: number) => readFileSync(join(dir, file), 'utf8').split('\n')[n - 1]!;
    const at = (shown: string) => {
      const m = /^(content\/2022\/kamerbrief\/[\w-]+\.md):(\d+) /.exec(shown);
      expect(m, shown).not.toBeNull();
      return { file: m![1]!, line: Number(m![2]) };
    };

    const para = await clickOn('.pagina-inhoud p');
    expect(para.text).toMatch(/^content\/2022\/kamerbrief\/01-inleiding\.md:3 open in VS Code$/);
    expect(para.href).toBe(`vscode://file${join(dir, 'content/2022/kamerbrief/01-inleiding.md')}:3`);
    expect(lineOf('content/2022/kamerbrief/01-inleiding.md', 3)).toMatch(/^Hierbij sturen wij u de vernieuwde/);

    const heading = at((await clickOn('.pagina-inhoud h2')).text!);
    expect(lineOf(heading.file, heading.line)).toBe('## Inleiding');

    const cell = at((await clickOn('.pagina-inhoud table td')).text!);
    expect(lineOf(cell.file, cell.line)).toBe('```tabel');

    const note = at((await clickOn('.pagina-voetnoten .noot')).text!);
    expect(lineOf(note.file, note.line)).toMatch(/^\[\^[\w-]+\]: /);
  });

  it('says what it does before its URL: the browser starting, each document prepared, each version paginated', () => {
    expect(started).toBe(
      'starting the browser…\npreparing 2022/actieprogramma…\npreparing 2022/kamerbrief…\npaginating 2022/actieprogramma…\npaginating 2022/kamerbrief…\n' +
        `voortgang preview: ${url}\n`,
    );
  });

  it('a click on a fact the layout prints names the fact and its line; a click on the layout\'s own text clears the bar', async () => {
    const click = async (selector: string) => {
      const el = await frame().$(selector);
      await el!.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await el!.click();
      return page.evaluate(() => ({ text: document.getElementById('bron')!.textContent, href: document.querySelector('#bron a')?.getAttribute('href') ?? null }));
    };
    const yaml = readFileSync(join(dir, 'content', '2022', 'kamerbrief.yaml'), 'utf8').split('\n');
    const lineOf = (key: string) => yaml.findIndex((l) => l.startsWith(`${key}:`)) + 1;
    expect(lineOf('datum')).toBeGreaterThan(0);

    // A paragraph first, so that the bar holds a place of the text.
    expect((await click('.pagina-inhoud p')).text).toMatch(/^content\/2022\/kamerbrief\/01-inleiding\.md:\d+ open in VS Code$/);
    // The datum in the letter head: written in kamerbrief.yaml, not in a section.
    const datum = await click('.briefhoofd td');
    expect(datum.text).toBe(`content/2022/kamerbrief.yaml:${lineOf('datum')} (datum) open in VS Code`);
    expect(datum.href).toBe(`vscode://file${join(dir, 'content/2022/kamerbrief.yaml')}:${lineOf('datum')}`);
    // The onderwerp, and the sender's line in the margin column (content/afzenders/).
    expect((await click('.briefhoofd tr:nth-child(2) td')).text).toBe(`content/2022/kamerbrief.yaml:${lineOf('onderwerp')} (onderwerp) open in VS Code`);
    // The label "Datum" is the layout's own text: no source, and not the place of the last click either.
    const label = await click('.briefhoofd th');
    expect(label.text).toBe('No source: this is part of the layout, not of the text or the facts.');
    expect(label.href).toBeNull();
  });

  it("a click on a line of the margin column names the sender's fact and its line in content/afzenders/, a label none", async () => {
    // The sender's lines are printed one per <br> inside one element each (the unit in a <b>, the addresses and
    // the website in one <p>): the line under the pointer is what is matched, not the element.
    const sender = 'content/afzenders/dgsb-jfac.yaml';
    const yaml = readFileSync(join(dir, sender), 'utf8').split('\n');
    /** The line of the file where `written` is written: a list item (`  - Aanpak`) or a key's value (`website: …`). */
    const lineOf = (written: RegExp) => {
      const n = yaml.findIndex((l) => written.test(l)) + 1;
      expect(n, String(written)).toBeGreaterThan(0);
      return n;
    };
    /** A click in the middle of the first page's margin-column text `text` (a line of its own, between <br>s). */
    const clickText = async (text: string, dx = 0) => {
      const at = await frame().evaluate((wanted: string) => {
        const aside = document.querySelector('.pagina .referentiegegevens')!;
        const walker = document.createTreeWalker(aside, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.textContent !== wanted) continue;
          n.parentElement!.scrollIntoView({ block: 'center' });
          const range = document.createRange();
          range.selectNodeContents(n);
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2, right: r.right };
        }
        return null;
      }, text);
      expect(at, text).not.toBeNull();
      const frameAt = await page.$eval('#pages', (e) => ({ x: e.getBoundingClientRect().left, y: e.getBoundingClientRect().top }));
      await page.mouse.click(frameAt.x + (dx ? at!.right + dx : at!.x), frameAt.y + at!.y);
      return page.evaluate(() => ({ text: document.getElementById('bron')!.textContent, href: document.querySelector('#bron a')?.getAttribute('href') ?? null }));
    };
    const named = (line: number, fact: string) => `${sender}:${line} (${fact}) open in VS Code`;

    // The unit's second line (inside the <b>), a line of the onderdeel, of the postal address, and the website.
    const unit = await clickText('Straffen en Beschermen');
    expect(unit.text).toBe(named(lineOf(/^ {2}- Straffen en Beschermen$/), 'eenheid'));
    expect(unit.href).toBe(`vscode://file${join(dir, sender)}:${lineOf(/^ {2}- Straffen en Beschermen$/)}`);
    expect((await clickText('Aanpak')).text).toBe(named(lineOf(/^ {2}- Aanpak$/), 'onderdeel'));
    expect((await clickText('Postbus 20301')).text).toBe(named(lineOf(/^ {2}- Postbus 20301$/), 'postadres'));
    expect((await clickText('2511 DP Den Haag')).text).toBe(named(lineOf(/^ {2}- 2511 DP Den Haag$/), 'bezoekadres'));
    expect((await clickText('www.rijksoverheid.nl/jenv')).text).toBe(named(lineOf(/^website: www\.rijksoverheid\.nl\/jenv$/), 'website'));
    // The kenmerk below its label is the letter's own fact, in kamerbrief.yaml.
    const letter = readFileSync(join(dir, 'content', '2022', 'kamerbrief.yaml'), 'utf8').split('\n');
    expect((await clickText('4355467')).text).toBe(`content/2022/kamerbrief.yaml:${letter.indexOf('kenmerk: "4355467"') + 1} (kenmerk) open in VS Code`);

    // The label "Ons kenmerk" is the layout's own text, and so is the empty column beside a short line: no source.
    const label = await clickText('Ons kenmerk');
    expect(label.text).toBe('No source: this is part of the layout, not of the text or the facts.');
    expect(label.href).toBeNull();
    expect((await clickText('Aanpak')).text).toBe(named(lineOf(/^ {2}- Aanpak$/), 'onderdeel'));
    expect((await clickText('Aanpak', 20)).text).toBe('No source: this is part of the layout, not of the text or the facts.');

    // A browser without caretPositionFromPoint (Safari, Chromium before 128) finds the line with caretRangeFromPoint.
    await frame().evaluate(() => {
      const proto = Document.prototype as Partial<Document> & { savedCaret?: unknown };
      proto.savedCaret = proto.caretPositionFromPoint;
      delete proto.caretPositionFromPoint;
    });
    try {
      expect(await frame().evaluate(() => typeof document.caretPositionFromPoint)).toBe('undefined');
      expect((await clickText('2500 EH Den Haag')).text).toBe(named(lineOf(/^ {2}- 2500 EH Den Haag$/), 'postadres'));
      expect((await clickText('Ons kenmerk')).text).toBe('No source: this is part of the layout, not of the text or the facts.');
    } finally {
      await frame().evaluate(() => {
        const proto = Document.prototype as Partial<Document> & { savedCaret?: Document['caretPositionFromPoint'] };
        proto.caretPositionFromPoint = proto.savedCaret;
        delete proto.savedCaret;
      });
    }
  });

  it('a click on a page number says it has no source, though the "2" of page 2 is also the fact bijlagen: 2', async () => {
    const yaml = readFileSync(join(dir, 'content', '2022', 'kamerbrief.yaml'), 'utf8').split('\n');
    expect(yaml).toContain('bijlagen: 2'); // a fact printed as "2": the page number must not be taken for it
    const paragraph = await frame().$('.pagina-inhoud p');
    await paragraph!.click();
    expect((await hook()).source).toMatchObject({ file: 'content/2022/kamerbrief/01-inleiding.md' });
    const numbers = await frame().$$('.pagina .pagina-nr');
    const two = numbers[1]!;
    expect(await two.evaluate((e) => e.textContent)).toBe('2');
    await two.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await two.click();
    expect(await page.$eval('#bron', (e) => e.textContent)).toBe('No source: this is part of the layout, not of the text or the facts.');
    expect(await page.$('#bron a')).toBeNull();
    expect((await hook()).source).toBeNull();
  });

  it('a broken data file shows its file:line:column over the last good pages, as the terminal does; fixing it clears it', async () => {
    const good = readFileSync(dataFile(), 'utf8');
    const pagesBefore = await pagesText();
    writeFileSync(dataFile(), good.replace('2011: 2272', '2011: twee'));
    await page.waitForFunction(() => !document.getElementById('overlay')!.hidden, { timeout: 20_000 });
    const shown = await page.$eval('#error', (e) => e.textContent);
    expect(shown).toBe('content/2022/data/hic.yaml:10:21: reeksen.overvallen.aantal.2011: expected a number');
    await expect.poll(() => stderr).toContain(`${shown}\n`);
    expect(await pagesText()).toEqual(pagesBefore);
    await page.screenshot({ path: '/tmp/preview-error.png' });

    writeFileSync(dataFile(), good);
    await page.waitForFunction(() => document.getElementById('overlay')!.hidden, { timeout: 20_000 });
    await expect.poll(() => stderr).toContain('2022/kamerbrief: fixed — 13 pages');
  });

  it('refuses a request whose Host is not its own address (403), and a POST from another origin', async () => {
    expect((await get('/', 'evil.example')).status).toBe(403);
    expect((await get('/2022/kamerbrief.html', `attacker.test:${port}`)).status).toBe(403);
    expect((await get('/', `127.0.0.1:${port + 1}`)).status).toBe(403);
    expect((await get('/', `localhost:${port}`)).status).toBe(200);
    expect((await get('/api/pdf?doc=kamerbrief', `127.0.0.1:${port}`, 'POST', { origin: 'http://evil.example' })).status).toBe(403);
    expect(existsSync(join(dir, 'output'))).toBe(false); // nothing written to output/ but by the button
  });

  it('the PDF button prints the edited letter to output/ as build does, nothing left beside it', async () => {
    await page.click('#pdf');
    await page.waitForFunction(() => (window as unknown as { voortgangPreview: { printed?: unknown } }).voortgangPreview.printed !== undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { voortgangPreview: { printed: unknown } }).voortgangPreview.printed)).toEqual({ files: ['output/2022/kamerbrief.pdf'] });
    expect(readdirSync(join(dir, 'output', '2022')).sort()).toEqual(['kamerbrief.diwoo.xml', 'kamerbrief.html', 'kamerbrief.pdf', 'kamerbrief.pdf.mdto.xml']);
    const letter = await readLetter(join(dir, 'output', '2022', 'kamerbrief.pdf'));
    expect(letter.length).toBe(13);
    expect(letter[0]!.body.replace(/\s+/g, ' ')).toContain('Hierbij sturen wij u de vernieuwde jaarlijkse rapportage');
    // The same finalize path as build: PDF/A-2b identification in the XMP, and the MDTO record with the PDF's checksum.
    const pdfBytes = readFileSync(join(dir, 'output', '2022', 'kamerbrief.pdf'));
    expect(pdfBytes.toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(readFileSync(join(dir, 'output', '2022', 'kamerbrief.pdf.mdto.xml'), 'utf8')).toContain(`<checksumWaarde>${createHash('sha256').update(pdfBytes).digest('hex')}</checksumWaarde>`);
  });

  it('the PDF button on broken sources prints nothing and says why in the bar, which tells the pages shown and that there is a problem', async () => {
    const status = () => page.$eval('#status', (e) => e.textContent ?? '');
    expect(await status()).toMatch(/^printed output\/2022\/kamerbrief\.pdf$/);
    const printed = readdirSync(join(dir, 'output', '2022')).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, 'output', '2022', f))).digest('hex')]);
    const good = readFileSync(dataFile(), 'utf8');
    writeFileSync(dataFile(), good.replace('2011: 2272', '2011: twee'));
    await page.waitForFunction(() => !document.getElementById('overlay')!.hidden, { timeout: 20_000 });
    // The last good pages are shown (13), with the problem above them.
    expect(await status()).toMatch(/^13 pages — a problem, see above · \S/);

    await page.evaluate(() => ((window as unknown as { before: unknown }).before = (window as unknown as { voortgangPreview: PreviewHook }).voortgangPreview.printed));
    await page.click('#pdf');
    await page.waitForFunction(() => {
      const w = window as unknown as { before: unknown; voortgangPreview: PreviewHook };
      return w.voortgangPreview.printed !== w.before;
    }, { timeout: 30_000 });
    const why = 'content/2022/data/hic.yaml:10:21: reeksen.overvallen.aantal.2011: expected a number';
    expect((await hook()).printed).toEqual({ error: why });
    expect(await status()).toBe(`not printed: ${why}`);
    // What the last print wrote is left as it was.
    expect(readdirSync(join(dir, 'output', '2022')).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, 'output', '2022', f))).digest('hex')])).toEqual(printed);

    writeFileSync(dataFile(), good);
    await page.waitForFunction(() => document.getElementById('overlay')!.hidden, { timeout: 20_000 });
    expect(await status()).toMatch(/^13 pages · \S/);
  });

  it('a cell of a Markdown table names its own row\'s line', async () => {
    const file = join(dir, 'content', '2022', 'kamerbrief', '08-tot-slot.md');
    const text = readFileSync(file, 'utf8');
    const updates = await page.evaluate(() => (window as unknown as { voortgangPreview: { updates: number } }).voortgangPreview.updates);
    writeFileSync(file, `${text.trimEnd()}\n\n| Jaar | Aantal |\n| --- | ---: |\n| 2020 | 907 |\n| 2021 | 676 |\n`);
    await page.waitForFunction((n) => (window as unknown as { voortgangPreview: { updates: number } }).voortgangPreview.updates > n, { timeout: 20_000 }, updates);
    const lines = readFileSync(file, 'utf8').split('\n');
    const cell = await frame().$$('.pagina-inhoud td'); // the table added last is the document's last
    const last = cell[cell.length - 1]!;
    await last.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    expect(await last.evaluate((e) => e.textContent)).toBe('676');
    await last.click();
    const shown = await page.$eval('#bron', (e) => e.textContent);
    expect(shown).toBe(`content/2022/kamerbrief/08-tot-slot.md:${lines.indexOf('| 2021 | 676 |') + 1} open in VS Code`);
    writeFileSync(file, text);
  });

  it('Ctrl-C stops it cleanly: exit 0, no Chromium process left, its profile folder gone', async () => {
    const chromium = descendants(proc.pid!);
    expect(chromium.length).toBeGreaterThan(0);
    const profile = chromium.map((pid) => /--user-data-dir=([^\0]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1]).find(Boolean);
    expect(profile && existsSync(profile)).toBe(true);
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(chromium.filter(alive)).toEqual([]);
    expect(existsSync(profile!)).toBe(false);
    expect(readdirSync(join(dir, 'output', '2022')).sort()).toEqual(['kamerbrief.diwoo.xml', 'kamerbrief.html', 'kamerbrief.pdf', 'kamerbrief.pdf.mdto.xml']);
  });
});

describe('voortgang preview 2023: a beslisnota and its public version', () => {
  it('the switcher lists both versions and shows each as build prints it', async () => {
    const { startPreview } = (await import(join(ROOT, 'dist', 'voortgang.js'))) as { startPreview: (o: object) => Promise<{ url: string; stop: () => Promise<void> }> };
    const copy = scratchCopy();
    const preview = await startPreview({ paths: { content: join(copy, 'content'), templates: join(ROOT, 'templates'), output: join(copy, 'output') }, year: '2023', log: () => undefined, info: () => undefined });
    const viewer = browser ?? (await launchBrowser());
    try {
      const p = await viewer.newPage();
      await p.goto(preview.url);
      await p.waitForFunction(() => Number(document.documentElement.dataset.rev) >= 1);
      expect(await p.$$eval('#document option', (os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent]))).toEqual([['beslisnota', 'beslisnota'], ['beslisnota-openbaar', 'beslisnota (openbaar)']]);
      await Promise.all([p.waitForNavigation(), p.select('#document', 'beslisnota-openbaar')]);
      await p.waitForFunction(() => Number(document.documentElement.dataset.rev) >= 1);
      const f = p.frames().find((x) => x !== p.mainFrame())!;
      const built = await viewer.newPage();
      await built.setContent(readFileSync(join(inject('output'), '2023', 'beslisnota-openbaar.html'), 'utf8'));
      expect(await startsOf(f)).toEqual(await startsOf(built));
      expect((await startsOf(f)).length).toBe(4);
    } finally {
      await preview.stop();
    }
  });
});

// The opener is xdg-open on Linux (open on macOS, start on Windows): these run where it is xdg-open.
describe.runIf(process.platform === 'linux')('voortgang preview --open', () => {
  /** Runs `voortgang preview 2023 --open` with `path` as PATH until it prints its URL and `until` holds, then Ctrl-C. */
  async function openWith(path: string, until: (stderr: string) => boolean) {
    const copy = scratchCopy();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'voortgang.js'), 'preview', '2023', '--open', '--content', 'content', '--output', 'output'], { cwd: copy, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: path } });
    let out = '';
    let err = '';
    child.stderr!.on('data', (c) => (err += c));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const shown = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c) => {
        out += c;
        const m = /voortgang preview: (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then((code) => reject(new Error(`preview exited with ${code}: ${err}`)));
    });
    for (let i = 0; i < 100 && !until(err); i++) await new Promise((r) => setTimeout(r, 50));
    const served = await fetch(shown).then((r) => r.status);
    child.kill('SIGINT');
    return { url: shown, stderr: err, code: await exited, served };
  }

  it('hands its URL to the desktop opener (xdg-open on Linux) and goes on serving', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'voortgang-opener-'));
    const asked = join(bin, 'asked');
    // Written whole, then renamed: the test never reads a half-written file.
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$*" > '${asked}.tmp' && mv '${asked}.tmp' '${asked}'\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const run = await openWith(`${bin}:${process.env.PATH}`, () => existsSync(asked));
    expect(readFileSync(asked, 'utf8')).toBe(run.url);
    rmSync(bin, { recursive: true, force: true });
    expect(run.served).toBe(200);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/could not open/);
  });

  it('without an opener says so in one line, with the URL to open, and goes on serving', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'voortgang-no-opener-')); // a PATH with no xdg-open in it
    const run = await openWith(bin, (e) => /could not open/.test(e));
    rmSync(bin, { recursive: true, force: true });
    expect(run.stderr).toContain(`could not open a browser (xdg-open); open ${run.url} yourself\n`);
    expect(run.served).toBe(200);
    expect(run.code).toBe(0);
  });
});

describe("the preview's server run from src/, unbundled", () => {
  it("refuses to start without the page's script, saying to build it", async () => {
    // The script reaches the server only through the bundle (scripts/bundle.mjs): from src/ there is none.
    const session = { year: '2022' } as PreviewSession;
    await expect(startServer(session, 0, async () => ({ files: [] }))).rejects.toThrow("the preview page's script is not bundled: run npm run build");
  });
});
