import { relative } from 'node:path';

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
  const rel = relative(process.cwd(), file) || file;
  if (line === undefined) return rel;
  return column === undefined ? `${rel}:${line}` : `${rel}:${line}:${column}`;
}

/** The 1-based line and column of a character offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Throws all collected errors at once, if any. */
export function throwIfAny(errors: SourceError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new SourceErrors(errors);
}
