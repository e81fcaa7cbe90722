import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

it('the JSON Schemas editors use are those the build validates with', () => {
  const r = spawnSync(process.execPath, ['scripts/write-schemas.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
