import { relative } from 'node:path';

/**
 * A failure the user can act on that no source file is to blame for (no browser found, a folder that cannot be
 * written): its message is one sentence saying what to do, printed as it is, without a stack.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** A problem in the user's sources, reported as `file:line:column: message`. */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly detail: string,
  ) {
    super(`${location(file, line, column)}: ${detail}`);
    this.name = 'SourceError';
  }
}

/** Several source problems found in one pass; reported together so a user fixes them in one go. */
export class SourceErrors extends Error {
  constructor(readonly errors: SourceError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'SourceErrors';
  }
}

export function location(file: string, line?: number, column?: number): string {
  const rel = shownName(file) ?? (relative(process.cwd(), file) || file);
  if (line === undefined) return rel;
  return column === undefined ? `${rel}:${line}` : `${rel}:${line}:${column}`;
}

/**
 * Folders whose files are named otherwise in messages: a git revision unpacked into a scratch folder is named
 * as git names it (`HEAD~1:content/2022/kamerbrief.yaml`), not by the scratch folder.
 */
const shownAs = new Map<string, string>();
export function showFolderAs(dir: string, name: string): () => void {
  shownAs.set(dir, name);
  return () => shownAs.delete(dir);
}
export function folderNames(): Array<[string, string]> {
  return [...shownAs];
}
function shownName(file: string): string | undefined {
  for (const [dir, name] of shownAs) {
    if (file === dir) return name;
    if (file.startsWith(`${dir}/`) || file.startsWith(`${dir}\\`)) return `${name}/${file.slice(dir.length + 1).replace(/\\/g, '/')}`;
  }
  return undefined;
}

/** The 1-based line and column of a character offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Throws all collected errors at once, if any. */
export function throwIfAny(errors: SourceError[]): void {
  const unique = [...new Map(errors.map((e) => [e.message, e])).values()];
  if (unique.length === 1) throw unique[0];
  if (unique.length > 1) throw new SourceErrors(unique);
}

/** `--debug` (or VOORTGANG_DEBUG=1): unexpected errors are shown with their stack. */
let debugging = Boolean(process.env.VOORTGANG_DEBUG);
export function setDebug(on: boolean): void {
  debugging = on || Boolean(process.env.VOORTGANG_DEBUG);
}
export function isDebugging(): boolean {
  return debugging;
}
