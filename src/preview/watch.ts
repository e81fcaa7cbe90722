import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { watch } from 'chokidar';

export interface SourceWatch {
  close(): Promise<void>;
  /** Resolves once the folders are being watched (their files listed). */
  ready: Promise<void>;
}

/**
 * Calls `changed` once a burst of saves in any of `dirs` (and below) is over. chokidar watches each folder on
 * its own (Node 20's recursive fs.watch on Linux stops reporting a file after it was once replaced by a rename,
 * as sed -i, JetBrains' safe write and gedit save), so every save is seen, whether written in place or renamed
 * over the old file; the editors' own scratch files (.swp, backup~, .#lock, vim's 4913) are not changes.
 */
export function watchSources(dirs: string[], changed: () => void, quietMs = 15): SourceWatch {
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    timer = undefined;
    changed();
  };
  const watcher = watch(
    dirs.filter((d) => existsSync(d)),
    { ignoreInitial: true, persistent: true, ignored: (path) => isScratch(basename(path)) },
  );
  watcher.on('all', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, quietMs);
  });
  // A watched folder that is removed: the next rebuild reports what is missing.
  watcher.on('error', () => undefined);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}

function isScratch(name: string): boolean {
  return /^\.#|^#.*#$|~$|\.sw[a-p]x?$|^4913$|\.tmp$|^\.voortgang-/.test(name);
}
