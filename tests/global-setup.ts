import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Builds the example letters once, into a scratch output folder shared by the test files. */
export default function setup({ provide }: { provide: (key: string, value: unknown) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'voortgang-test-'));
  const output = join(dir, 'output');
  const started = Date.now();
  execFileSync(process.execPath, ['bin/voortgang.js', 'build', '2022', '2023', '--output', output], { stdio: 'inherit' });
  provide('output', output);
  provide('buildMs', Date.now() - started);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    output: string;
    buildMs: number;
  }
}
