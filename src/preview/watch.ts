import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';

export interface SourceWatch {
  close(): void;
}

/**
 * Calls `changed` once a burst of saves in any of `dirs` (and below) is over. Folders are watched, not files,
 * so that editors that save by writing a new file and renaming it over the old one are seen too; the editors'
 * own scratch files (.swp, backup~, .#lock, vim's 4913) are not changes to the sources.
 */
export function watchSources(dirs: string[], changed: () => void, quietMs = 15): SourceWatch {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    timer = undefined;
    changed();
  };
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const w = watch(dir, { recursive: true, persistent: true }, (_event, name) => {
      const file = name ? join(dir, name.toString()) : dir;
      if (isScratch(basename(file))) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, quietMs);
    });
    w.on('error', () => undefined); // a watched folder that is removed: the next rebuild reports what is missing
    watchers.push(w);
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

function isScratch(name: string): boolean {
  return /^\.#|^#.*#$|~$|\.sw[a-p]x?$|^4913$|\.tmp$|^\.voortgang-/.test(name);
}
