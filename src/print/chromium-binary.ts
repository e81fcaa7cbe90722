import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * The Chromium that prints voortgang's PDFs ships inside the npm package @sparticuz/chromium (brotli-packed).
 * Pinned by package-lock.json, it gives every machine the same browser — and so the same PDF bytes — with
 * nothing but `npm ci`. It is unpacked once per version into node_modules/.cache/voortgang/, atomically, so
 * that parallel builds never see a half-written binary.
 */
const require = createRequire(import.meta.url);

/** The package's folder (its exports hide package.json from require.resolve). */
function packageDir(): string {
  let dir = dirname(require.resolve('@sparticuz/chromium'));
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"name": "@sparticuz/chromium"')) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the @sparticuz/chromium package');
    dir = up;
  }
  return dir;
}

export function chromiumPackageVersion(): string {
  return (JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function chromiumCacheDir(): string {
  return join(resolve(packageDir(), '..', '..'), '.cache', 'voortgang', `chromium-${chromiumPackageVersion()}`);
}

export async function chromiumExecutable(): Promise<string> {
  const dir = chromiumCacheDir();
  const exe = join(dir, 'chromium');
  if (existsSync(join(dir, '.complete'))) return exe;

  const staging = `${dir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  // @sparticuz/chromium unpacks into os.tmpdir(); point that at our staging folder for the duration.
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const unpacked = await chromium.executablePath();
    if (resolve(unpacked) !== resolve(staging, 'chromium')) throw new Error(`unexpected Chromium location ${unpacked}`);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  await writeFile(join(staging, '.complete'), chromiumPackageVersion());
  try {
    await rename(staging, dir);
  } catch {
    // Another process finished first: use its copy.
    await rm(staging, { recursive: true, force: true });
  }
  if (!existsSync(join(dir, '.complete'))) throw new Error(`could not unpack Chromium into ${dir}`);
  return exe;
}
