import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { ROOT, scratchCopy, voortgang, type CliResult } from './cli.js';

/**
 * Cases that must refuse to build 2023: a good build first, into a scratch output folder; each case then gets a
 * fresh copy of content/ beside it to break, builds into that same output, and must leave the named files of the
 * good build there byte for byte.
 */
export function refusedBuilds(names: string[]) {
  let base = '';
  let before: Record<string, Buffer> = {};
  const output = () => join(base, 'output');
  beforeAll(() => {
    base = scratchCopy(['content']);
    expect(voortgang(['build', '2023', '--content', join(base, 'content'), '--output', output()], { cwd: base }).status).toBe(0);
    before = Object.fromEntries(names.map((n) => [n, readFileSync(join(output(), '2023', n))]));
  });
  return {
    /** A fresh copy of the sources (its folder; content/ inside) for case `i`. */
    copy(i: number): string {
      const dir = join(base, `case-${i}`);
      mkdirSync(dir);
      cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
      return dir;
    },
    /** `build 2023` of that copy into the good build's output folder. */
    build(dir: string): CliResult {
      return voortgang(['build', '2023', '--content', join(dir, 'content'), '--output', output()], { cwd: dir });
    },
    /** Every named file of the good build is still there, byte for byte. */
    expectUntouched(): void {
      for (const n of names) expect(readFileSync(join(output(), '2023', n)).equals(before[n]!), n).toBe(true);
    },
  };
}
