// npm runs this on install (`prepare`). In a checkout with the development tools (npm ci), it type-checks and
// bundles voortgang into dist/. In a production install (npm ci --omit=dev), TypeScript and esbuild are not
// there: dist/ must come with the files (a packed copy), and is used as it is. Either way it then unpacks the
// bundled Chromium where there is one (Linux x86-64).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const has = (name) => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (has('typescript') && has('esbuild')) run('npm', ['run', 'build']);
else if (!existsSync('dist/voortgang.js')) {
  console.error('voortgang: dist/ is missing and TypeScript and esbuild are not installed — install with the development tools (npm ci) to build it');
  process.exit(1);
} else console.log('voortgang: production install, using the bundle in dist/ as it is');
run(process.execPath, ['bin/voortgang.js', 'setup']);
