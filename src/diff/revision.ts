import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { showFolderAs, SourceError } from '../errors.js';

/** A revision of content/ to compare: a folder as it is, or the content/ of a git revision, unpacked. */
export interface Revision {
  dir: string;
  label: string;
  dispose(): void;
}

/**
 * `spec` is a folder (used as it is), a git revision (its content/ is unpacked with `git archive` into a
 * temporary folder), or undefined for the working tree (`contentDir` as it is now).
 */
export function openRevision(spec: string | undefined, contentDir: string, option: string): Revision {
  if (spec === undefined) return { dir: contentDir, label: 'de werkmap', dispose() {} };
  const asDir = resolve(spec);
  if (existsSync(asDir) && statSync(asDir).isDirectory()) return { dir: asDir, label: relative(process.cwd(), asDir) || '.', dispose() {} };

  const git = (args: string[], cwd = contentDir) => spawnSync('git', args, { cwd, maxBuffer: 1 << 30 });
  const top = git(['rev-parse', '--show-toplevel']);
  if (top.status !== 0) throw new SourceError(contentDir, undefined, undefined, `${option} ${spec}: not a folder, and ${contentDir} is not in a git repository — give a folder of sources or a git revision`);
  const root = top.stdout.toString().trim();
  const commit = git(['rev-parse', '--verify', '--quiet', `${spec}^{commit}`]);
  if (commit.status !== 0) throw new SourceError(contentDir, undefined, undefined, `${option} ${spec}: not a folder and not a git revision of ${root} (try a commit, branch or tag, e.g. HEAD~1)`);
  const sha = commit.stdout.toString().trim();
  const path = relative(root, contentDir) || '.';
  const tar = git(['archive', '--format=tar', sha, '--', path], root); // paths from the top of the repository
  if (tar.status !== 0) throw new SourceError(contentDir, undefined, undefined, `${option} ${spec}: revision ${sha.slice(0, 8)} has no ${path}/ (${tar.stderr.toString().trim()})`);
  const tmp = mkdtempSync(join(tmpdir(), 'voortgang-rev-'));
  const unpack = spawnSync('tar', ['-x', '-C', tmp], { input: tar.stdout });
  if (unpack.status !== 0) throw new Error(`tar failed: ${unpack.stderr.toString()}`);
  // Its files are named in messages as git names them: <revision>:<path from where voortgang runs>.
  const dir = join(tmp, path);
  const forget = showFolderAs(dir, `${spec}:${relative(process.cwd(), contentDir).split('\\').join('/') || '.'}`);
  return {
    dir,
    label: `${spec} (${sha.slice(0, 8)})`,
    dispose: () => {
      forget();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
