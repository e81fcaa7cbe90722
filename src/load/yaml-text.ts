import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { firstProblem, type PlainYamlProblem } from './plain-yaml.js';
import { forbiddenCharacter, misplacedRedaction, redactionLookalikes } from './text-guard.js';

/**
 * The texts of a YAML source — a document's facts, a sender, a data set's titles, sources and labels, a block's
 * fields — hold no redaction (only a section's text is redacted: text-guard.ts) and no character that cannot be
 * printed or written in XML. The first such problem in the order of the file, at its line and column (inside a
 * value written as it reads; at the value's start when escapes make the two differ), or undefined.
 */
export function textProblem(doc: Document.Parsed, text: string, lines: LineCounter): PlainYamlProblem | undefined {
  const found: Array<{ offset: number; message: string }> = [];
  walk(doc.contents, [], (node, path) => {
    if (typeof node.value !== 'string' || !node.range) return;
    const value = node.value;
    const written = text.slice(node.range[0], node.range[1]);
    const field = path.length ? `the field ${path.join('.')}` : 'this file';
    // Where the value's character `index` stands in the file: exact when the value is written as it reads.
    const at = (index: number, part: string) => {
      const inWritten = written.indexOf(part, Math.max(0, index - 1));
      return node.range![0] + (inWritten >= 0 ? inWritten : 0);
    };
    const bad = forbiddenCharacter(value);
    if (bad) found.push({ offset: at(bad.index, value.slice(bad.index, bad.index + 1)), message: `${field} holds the character ${bad.code}, which is not printed and cannot be written in the DiWoo record's XML — delete it (it often comes with text pasted from another program)` });
    const look = redactionLookalikes(value)[0];
    if (look) found.push({ offset: at(look.index, look.written), message: misplacedRedaction(field) });
  });
  return firstProblem(found, lines);
}

function walk(node: Node | null | undefined | unknown, path: string[], visit: (node: { value: unknown; range?: [number, number, number] | null }, path: string[]) => void): void {
  if (isScalar(node)) visit(node, path);
  else if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (isScalar(pair.key)) walk(pair.key, path, visit);
      walk(pair.value, [...path, key], visit);
    }
  } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, String(i)], visit));
}
