import { rmSync } from 'node:fs';
import { link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { UserError } from '../errors.js';
import { uninterrupted } from '../interrupt.js';

export interface OutputFile {
  path: string;
  data: Uint8Array | string;
}

/**
 * Writes the files of one document (its PDF and its HTML) as one: readers see the old files or the new ones,
 * never a half-written file, and when one of them cannot be written none is replaced. The bytes go to
 * temporary files beside the targets; they replace the targets by rename, and a target replaced before a
 * later rename failed is put back from a hard link kept for the purpose. Temporary files that an interrupted
 * build of the same document left behind (its process gone) are removed first. A stop from outside (Ctrl-C,
 * SIGTERM) waits for the renames (src/interrupt.ts), and the temporary files go with the process.
 */
export async function writeTogether(files: OutputFile[], opts: { remove?: string[] } = {}): Promise<void> {
  for (const dir of new Set(files.map((f) => dirname(f.path)))) {
    await prepareFolder(dir);
    await removeStale(dir, files.filter((f) => dirname(f.path) === dir).map((f) => basename(f.path)));
  }
  for (const f of files) {
    const s = await stat(f.path).catch(() => undefined);
    if (s?.isDirectory()) throw new UserError(`${f.path} is a folder, where voortgang writes a file — remove or rename that folder`);
  }
  const n = ++writes;
  const temps = files.map((f) => ({ ...f, tmp: sibling(f.path, 'tmp', n), old: sibling(f.path, 'old', n) }));
  for (const t of temps) leftAtExit.add(t.tmp).add(t.old);
  removeAtExit();
  try {
    for (const t of temps) await writeFile(t.tmp, t.data).catch((err) => { throw writeProblem(t.path, err); });
    await uninterrupted(async () => {
      // Keep a way back for every target that exists, then replace them one by one.
      for (const t of temps) await link(t.path, t.old).catch(() => undefined);
      const done: typeof temps = [];
      try {
        for (const t of temps) {
          await rename(t.tmp, t.path).catch((err) => { throw writeProblem(t.path, err); });
          done.push(t);
        }
      } catch (err) {
        for (const t of done) await rename(t.old, t.path).catch(() => rm(t.path, { force: true }));
        throw err;
      }
      // Files that go with the new ones (a record the new version no longer has): once every rename succeeded.
      for (const path of opts.remove ?? []) await rm(path, { force: true });
    });
  } finally {
    for (const t of temps) {
      await rm(t.tmp, { force: true });
      await rm(t.old, { force: true });
      leftAtExit.delete(t.tmp);
      leftAtExit.delete(t.old);
    }
  }
}

/** Temporary files of writes under way: removed if the process exits meanwhile (stopped from outside). */
const leftAtExit = new Set<string>();
let removing = false;
function removeAtExit(): void {
  if (removing) return;
  removing = true;
  process.on('exit', () => {
    for (const f of leftAtExit) {
      try {
        rmSync(f, { force: true });
      } catch {
        // Left for the next build of the document, which removes what a process that is gone left (removeStale).
      }
    }
  });
}

/** Names unique to this process and this write: two documents of one build may write the same file (the fonts). */
let writes = 0;
function sibling(file: string, kind: 'tmp' | 'old', n: number): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${n}.${kind}`);
}

async function prepareFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') {
      let file = dir;
      while (dirname(file) !== file && !(await stat(file).then((s) => s.isFile(), () => false))) file = dirname(file);
      throw new UserError(`cannot make the output folder ${dir}: ${file} is a file — choose another --output folder, or move the file away`);
    }
    throw writeProblem(dir, err);
  }
}

/** Temporary files of these targets left by a build that was interrupted (its process no longer runs). */
async function removeStale(dir: string, targets: string[]): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const target = targets.find((t) => name.startsWith(`.${t}.`));
    const m = target ? /^(\d+)(?:-\d+)?\.(tmp|old)$/.exec(name.slice(target.length + 2)) : null;
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    await rm(join(dir, name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeProblem(path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException)?.code;
  const where = dirname(path);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new UserError(`cannot write ${path}: ${code === 'EROFS' ? 'the disk is read-only' : 'permission denied'} — give yourself write access to ${where}, or choose another folder with --output`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new UserError(`cannot write ${path}: the disk is full — make room, or choose another folder with --output`);
    case 'EISDIR':
      return new UserError(`${path} is a folder, where voortgang writes a file — remove or rename that folder`);
    case 'ENOTDIR':
      return new UserError(`cannot write ${path}: a part of that path is a file — choose another --output folder`);
    default:
      return new UserError(`cannot write ${path} (${code ?? String(err)}) — check the folder ${where}, or choose another with --output`);
  }
}
