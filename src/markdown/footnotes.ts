import type { FootnoteDefinition, Nodes, Text } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import { SourceError } from '../errors.js';
import type { ParsedSection } from './parse-section.js';

export interface NumberedFootnote {
  number: number;
  file: string;
  definition: FootnoteDefinition;
}

/**
 * Numbers the footnotes of a document 1..n in the order of their first call in the body.
 * Labels are local to a section file: each call's definition must be in the same file.
 */
export interface FootnoteNumbering {
  numberOf(file: string, identifier: string): number;
  notes: NumberedFootnote[];
}

const UNRESOLVED_CALL = /\[\^([^\]\s]+)\]/g;

export function numberFootnotes(sections: ParsedSection[]): { numbering: FootnoteNumbering; errors: SourceError[] } {
  const errors: SourceError[] = [];
  const numbers = new Map<string, number>();
  const notes: NumberedFootnote[] = [];
  const key = (file: string, id: string) => `${file}\u0000${id}`;

  for (const section of sections) {
    const at = (node: Nodes, message: string) =>
      errors.push(new SourceError(section.file, node.position?.start.line, node.position?.start.column, message));
    const definitions = new Map<string, FootnoteDefinition>();
    visit(section.tree, 'footnoteDefinition', (def) => {
      if (definitions.has(def.identifier)) at(def, `footnote [^${def.label ?? def.identifier}] is defined twice in this file — give one of them another label`);
      else definitions.set(def.identifier, def);
    });

    const called = new Set<string>();
    const numberCall = (id: string) => {
      called.add(id);
      if (numbers.has(key(section.file, id))) return;
      const definition = definitions.get(id);
      if (!definition) return; // remark-gfm only makes a call of a defined label; see unresolved calls below
      const number = notes.length + 1;
      numbers.set(key(section.file, id), number);
      notes.push({ number, file: section.file, definition });
    };
    // Body first (document order), then calls made from inside footnotes.
    visit(section.tree, (node) => {
      if (node.type === 'footnoteDefinition') return SKIP;
      if (node.type === 'footnoteReference') numberCall(node.identifier);
      if (node.type === 'text') reportUnresolved(node, at);
      return undefined;
    });
    for (const def of definitions.values()) {
      visit(def, (node) => {
        if (node.type === 'footnoteReference') {
          if (!numbers.has(key(section.file, node.identifier))) at(node, `footnote [^${node.label ?? node.identifier}] is only cited from inside another footnote — cite it in the text first`);
          called.add(node.identifier);
        }
        if (node.type === 'text') reportUnresolved(node, at);
      });
    }
    for (const [id, def] of definitions) {
      if (!called.has(id)) at(def, `footnote [^${def.label ?? id}] is defined but never cited — cite it with [^${def.label ?? id}] in the text or delete the definition`);
    }
  }

  return {
    errors,
    numbering: {
      notes,
      numberOf(file, identifier) {
        const n = numbers.get(key(file, identifier));
        if (n === undefined) throw new Error(`footnote ${identifier} in ${file} has no number`);
        return n;
      },
    },
  };
}

function reportUnresolved(node: Text, at: (node: Nodes, message: string) => void): void {
  for (const match of node.value.matchAll(UNRESOLVED_CALL)) {
    const label = match[1];
    const line = (node.position?.start.line ?? 1) + (node.value.slice(0, match.index).match(/\n/g)?.length ?? 0);
    const fake = { ...node, position: { start: { line, column: columnOf(node, match.index ?? 0) }, end: node.position!.end } } as Text;
    at(fake, `footnote [^${label}] has no definition — add a line "[^${label}]: <text of the note>" to this file (labels are local to a section file)`);
  }
}

function columnOf(node: Text, index: number): number {
  const before = node.value.slice(0, index);
  const nl = before.lastIndexOf('\n');
  return nl < 0 ? (node.position?.start.column ?? 1) + index : index - nl;
}
