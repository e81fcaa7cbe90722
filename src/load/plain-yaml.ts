import { visit, type Document, type LineCounter } from 'yaml';

/**
 * voortgang's YAML sources (a letter's facts, a sender, a data set, a layout's descriptor, a tabel or grafiek
 * block) hold plain values: text, numbers, true/false, lists and maps, each written where it is used. Two
 * things YAML allows beyond that are refused where they are written:
 *
 * - an alias (`*naam`, also in a merge `<<: *naam`): it repeats the value of an anchor (`&naam`) elsewhere, so
 *   what a fact says is not where it stands, and nested aliases expand exponentially (a "billion laughs" of a
 *   few hundred bytes takes gigabytes to read). No source needs one;
 * - a tag other than those of YAML's core schema (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`,
 *   `!!seq`): `!!js/function`, `!foo`, `!!binary`, `!!set`, `!!timestamp` … would be read as something else than
 *   written, or not at all (the yaml package only warns about an unknown tag and reads the plain value).
 */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, resolveKnownTags: false } as const;

export interface PlainYamlProblem {
  line: number;
  column: number;
  message: string;
}

/** The first alias or unknown tag of a parsed document (in the order of the file), or undefined. */
export function notPlainYaml(doc: Document.Parsed, text: string, lines: LineCounter): PlainYamlProblem | undefined {
  const found: { offset: number; message: string }[] = [];
  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED' && warning.code !== 'BAD_COLLECTION_TYPE') continue;
    const tag = text.slice(warning.pos[0], warning.pos[1]).trim() || warning.message;
    found.push({ offset: warning.pos[0], message: `invalid YAML: the tag ${tag} is not read by voortgang — a source holds plain text, numbers, lists and maps; remove the tag and write the value itself` });
  }
  visit(doc, {
    Alias(_key, node) {
      const offset = node.range?.[0] ?? 0;
      found.push({ offset, message: `invalid YAML: the alias *${node.source} repeats a value written elsewhere (at its anchor &${node.source}) — voortgang's sources take no anchors and aliases: write the value out here` });
      return visit.SKIP;
    },
  });
  return firstProblem(found, lines);
}

/** The problem found earliest in the file, at its line and column, or undefined. */
export function firstProblem(found: Array<{ offset: number; message: string }>, lines: LineCounter): PlainYamlProblem | undefined {
  const first = [...found].sort((a, b) => a.offset - b.offset)[0];
  if (!first) return undefined;
  const pos = lines.linePos(first.offset);
  return { line: pos.line, column: pos.col, message: first.message };
}
