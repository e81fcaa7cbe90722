import { LineCounter, parseDocument, type Document } from 'yaml';
import { SourceError } from '../errors.js';
import { notPlainYaml, YAML_OPTIONS } from './plain-yaml.js';
import { textProblem } from './yaml-text.js';

export interface YamlSource {
  file: string;
  text: string;
  /** Lines before the YAML's first line in its file: non-zero for a block inside a Markdown section. */
  lineOffset: number;
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

/** A YAML text parsed by voortgang's rules, keeping the document so that later errors can point at a line and column. */
export function parseYaml(file: string, text: string, lineOffset = 0): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: lines });
  const problem = doc.errors[0];
  if (problem) {
    const detail = (problem.message.split('\n')[0] ?? problem.message).replace(/ at line \d+, column \d+:?$/, '');
    // An unclosed [ or { is noticed where the next line starts: point at the bracket that was opened.
    const flow = problem.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(detail) ? unclosedBracket(text, problem.pos[0]) : undefined;
    if (flow) {
      const pos = lines.linePos(flow.offset);
      throw new SourceError(file, pos.line + lineOffset, pos.col, `invalid YAML: this ${flow.bracket} is not closed — end it with ${flow.bracket === '[' ? ']' : '}'} on the same line (or indent its next lines)`);
    }
    const pos = lines.linePos(problem.pos[0]);
    throw new SourceError(file, pos.line + lineOffset, pos.col, `invalid YAML: ${detail}`);
  }
  // Checked before the value is made: an alias bomb is refused unexpanded.
  const plain = notPlainYaml(doc, text, lines);
  if (plain) throw new SourceError(file, plain.line + lineOffset, plain.column, plain.message);
  const text_ = textProblem(doc, text, lines);
  if (text_) throw new SourceError(file, text_.line + lineOffset, text_.column, text_.message);
  return { file, text, lineOffset, doc, lines, value: doc.toJS() };
}

/** The last [ or { before `offset` that is not closed before it (quotes and comments skipped). */
function unclosedBracket(text: string, offset: number): { offset: number; bracket: '[' | '{' } | undefined {
  const open: { offset: number; bracket: '[' | '{' }[] = [];
  let quote: string | undefined;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) while (i < text.length && text[i] !== '\n') i++;
    else if (c === '[' || c === '{') open.push({ offset: i, bracket: c });
    else if (c === ']' || c === '}') open.pop();
  }
  return open[open.length - 1];
}
