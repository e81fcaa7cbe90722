import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A stand-in executable (a shell script) at `path`, with its folders: the search only asks that it exists and runs. */
export function fakeExecutable(path: string, executable = true): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '#!/bin/sh\necho fake browser\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}
