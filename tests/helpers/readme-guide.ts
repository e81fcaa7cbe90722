import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** The README's "Adding a kind of document" section: a new user's only source for writing a kind. */
export function kindGuide(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### Adding a kind of document\n');
  if (start < 0) throw new Error('README.md has no "### Adding a kind of document"');
  return readme.slice(start, readme.indexOf('\n## ', start));
}

export interface GuideBlock {
  /** The path named on the line before the block (`path`:), if any. */
  path?: string;
  lang: string;
  text: string;
}

/** The code blocks of the guide, in order, as a reader copies them (their list indentation removed). */
export function guideBlocks(guide: string = kindGuide()): GuideBlock[] {
  const lines = guide.split('\n');
  const blocks: GuideBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)```(\w*)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const indent = fence[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !new RegExp(`^\\s{${indent}}\`\`\`\\s*$`).test(lines[j]!); j++) body.push(lines[j]!.slice(Math.min(indent, lines[j]!.length - lines[j]!.trimStart().length)));
    const before = lines.slice(0, i).reverse().find((l) => l.trim() !== '');
    const named = before ? /^\s*`([^`]+)`:\s*$/.exec(before) : null;
    blocks.push({ ...(named ? { path: named[1]! } : {}), lang: fence[2]!, text: `${body.join('\n')}\n` });
    i = j;
  }
  return blocks;
}
