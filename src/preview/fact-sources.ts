import { join } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { formatDate, formatMonth } from '../format/nl.js';
import { parseYaml } from '../load/read-yaml.js';
import { readSourceText } from '../load/source-files.js';

/**
 * Where the facts a layout prints come from: the letter head, the margin column and the signature are written
 * by the templates from the document's data file and its sender's file, not from Markdown, so they carry no
 * data-bron. The preview matches a clicked text against these to say which fact it is and where it is written
 * ("content/2022/kamerbrief.yaml:6 (datum)").
 */
export interface FactSource {
  /** The text as printed: a date written out ("14 december 2022"), a line of a list, a value. */
  text: string;
  path: string;
  line: number;
  /** The fact's name as written in the file: datum, geadresseerde, ondertekening.naam. */
  fact: string;
}

export async function factSources(dataFile: string, contentDir: string): Promise<FactSource[]> {
  const out = await factsOf(dataFile, contentDir);
  const afzender = out.find((f) => f.fact === 'afzender');
  // The sender's facts (eenheid, adres …) are printed in every margin column: they come from afzenders/<name>.yaml.
  if (afzender && /^[\w-]+$/.test(afzender.text)) out.push(...(await factsOf(join(contentDir, 'afzenders', `${afzender.text}.yaml`), contentDir).catch(() => [])));
  return out;
}

/**
 * Every value of a YAML file at the line it starts on; a list's items each at their own line (a sender's address
 * is printed one item per line). Read and parsed the one way sources are (inside the content folder, strict
 * UTF-8, voortgang's YAML rules); lines from the parser's line counter.
 */
async function factsOf(path: string, contentDir: string): Promise<FactSource[]> {
  const text = await readSourceText(path, contentDir);
  const { doc, lines } = parseYaml(path, text);
  const out: FactSource[] = [];
  const visit = (node: Node | null | undefined, fact: string) => {
    if (!node) return;
    if (isScalar(node)) {
      if (node.value === null || node.value === undefined || node.value === '') return;
      const line = lines.linePos(node.range?.[0] ?? 0).line;
      const value = String(node.value);
      for (const shown of printedAs(value)) out.push({ text: shown, path, line, fact });
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item as Node, fact);
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        visit(pair.value as Node, fact ? `${fact}.${key}` : key);
      }
    }
  };
  visit(doc.contents as Node, '');
  return out;
}

/** How a value is printed: a date written out in full and as its month (a report's cover), else as written. */
function printedAs(value: string): string[] {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? [formatDate(value), formatMonth(value), value] : [value];
}
