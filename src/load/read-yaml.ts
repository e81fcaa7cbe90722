import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { SourceError } from '../errors.js';

export interface YamlSource {
  file: string;
  text: string;
  /** Lines before the YAML's first line in its file: non-zero for a block inside a Markdown section. */
  lineOffset: number;
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

/** Reads a YAML file, keeping the parsed document so that later errors can point at a line and column. */
export async function readYaml(file: string): Promise<YamlSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SourceError(file, undefined, undefined, `cannot read this file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  return parseYaml(file, text);
}

export function parseYaml(file: string, text: string, lineOffset = 0): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = lines.linePos(problem.pos[0]);
    const detail = problem.message.split('\n')[0] ?? problem.message;
    throw new SourceError(file, pos.line + lineOffset, pos.col, `invalid YAML: ${detail}`);
  }
  return { file, text, lineOffset, doc, lines, value: doc.toJS() };
}
