import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// A stop is asked for once per process: each test gets fresh modules.
let interrupt: typeof import('../src/interrupt.js');
let writeTogether: typeof import('../src/finalize/write-atomic.js').writeTogether;
beforeEach(async () => {
  vi.resetModules();
  interrupt = await import('../src/interrupt.js');
  ({ writeTogether } = await import('../src/finalize/write-atomic.js'));
});

describe('a stop from outside waits for the files being replaced (src/interrupt.ts)', () => {
  it('a stop during uninterrupted work exits when that work ends, not before', async () => {
    const exits: number[] = [];
    let finish = () => undefined as void;
    const work = interrupt.uninterrupted(() => new Promise<void>((resolve) => (finish = resolve)));
    interrupt.stopWhenSafe(143, (c) => exits.push(c));
    await new Promise((r) => setTimeout(r, 20));
    expect(exits).toEqual([]);
    finish();
    await work;
    expect(exits).toEqual([143]);
  });

  it('a stop with nothing under way exits at once; a second stop while waiting exits at once', () => {
    const exits: number[] = [];
    void interrupt.uninterrupted(() => new Promise(() => undefined));
    interrupt.stopWhenSafe(143, (c) => exits.push(c));
    expect(exits).toEqual([]);
    interrupt.stopWhenSafe(130, (c) => exits.push(c));
    expect(exits).toEqual([130]);
  });

  it('once a stop is asked for, a document’s files are not replaced: the old pair stays, no temporary file is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-interrupt-'));
    writeFileSync(join(dir, 'brief.pdf'), 'old pdf');
    writeFileSync(join(dir, 'brief.html'), 'old html');
    void interrupt.uninterrupted(() => new Promise(() => undefined)); // a write of another document, under way
    interrupt.stopWhenSafe(143, () => undefined);
    writeFileSync(join(dir, 'brief.diwoo.xml'), 'old record');
    await expect(writeTogether([{ path: join(dir, 'brief.pdf'), data: 'new pdf' }, { path: join(dir, 'brief.html'), data: 'new html' }], { remove: [join(dir, 'brief.diwoo.xml')] })).rejects.toBeInstanceOf(interrupt.Stopping);
    expect(readFileSync(join(dir, 'brief.pdf'), 'utf8')).toBe('old pdf');
    expect(readFileSync(join(dir, 'brief.html'), 'utf8')).toBe('old html');
    // A file that goes with the new ones (an old record) is removed only with them.
    expect(readdirSync(dir).sort()).toEqual(['brief.diwoo.xml', 'brief.html', 'brief.pdf']);
  });

  it('a stopped command exits as the README says: 130 (Ctrl-C), 143 (SIGTERM), 129 (its terminal closed)', () => {
    expect(interrupt.STOP_SIGNALS.map(interrupt.stoppedExitCode)).toEqual([130, 143, 129]);
  });

  it('without a stop, both files are replaced, and a file that goes with them is removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voortgang-interrupt-'));
    writeFileSync(join(dir, 'brief.pdf'), 'old pdf');
    writeFileSync(join(dir, 'brief.diwoo.xml'), 'old record');
    await writeTogether([{ path: join(dir, 'brief.pdf'), data: 'new pdf' }, { path: join(dir, 'brief.html'), data: 'new html' }], { remove: [join(dir, 'brief.diwoo.xml')] });
    expect(readFileSync(join(dir, 'brief.pdf'), 'utf8')).toBe('new pdf');
    expect(readFileSync(join(dir, 'brief.html'), 'utf8')).toBe('new html');
    expect(readdirSync(dir).sort()).toEqual(['brief.html', 'brief.pdf']);
  });
});
