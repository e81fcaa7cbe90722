import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The tests print with the bundled Chromium where there is one (Linux x86-64), whatever else is installed: the
// page breaks and bytes they expect are that browser's. Elsewhere they use the browser voortgang finds.
if (!process.env.VOORTGANG_BROWSER && process.platform === 'linux' && process.arch === 'x64') {
  const version = JSON.parse(readFileSync(join(import.meta.dirname, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')).version;
  const bundled = join(import.meta.dirname, 'node_modules/.cache/voortgang', `chromium-${version}`, 'chromium');
  if (existsSync(bundled)) process.env.VOORTGANG_BROWSER = bundled;
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time, also on two cores (vitest's default there is one): most of a file's time is spent
    // waiting on the processes it starts (voortgang, Chromium). Measured on a fresh clone, 2 cores: the suite took
    // 272 s with one worker and 212 s with two, all 570 tests passing both times.
    maxWorkers: 2,
    // Tests marked concurrent (the bad-input corpus) run three at a time: each case is a process of its own.
    maxConcurrency: 3,
  },
});
