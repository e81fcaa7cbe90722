import type { Code } from 'mdast';
import { throwIfAny } from '../errors.js';
import { loadedDataset, type LoadedDataset } from '../load/dataset-from-yaml.js';
import { parseYaml } from '../load/read-yaml.js';
import { grafiekSchema, tabelSchema, type Grafiek, type Tabel } from './block-schemas.js';
import { checkDatasetSource } from './dataset-source.js';
import type { LayoutDescriptor } from './layout-schema.js';
import { afzenderSchema, datasetSchema, documentSchemaFor, type Afzender, type Brief } from './schemas.js';
import { issueToError, PARSE_ONCE, validateYaml } from './validate-yaml.js';
import { blockName } from '../markdown/block-names.js';

/**
 * Everything that parses and validates source text: YAML (the yaml package) against the schemas (zod). Loaded
 * only when a source is not in the cache of validated files: zod and the YAML parser are ≈0.6 MB of code that a
 * build of unchanged sources does not need to load.
 */
export function validateBrief(file: string, text: string, layouts: ReadonlyMap<string, Pick<LayoutDescriptor, 'feiten'>>): Brief {
  return validateYaml(parseYaml(file, text), documentSchemaFor(layouts)) as Brief;
}

export function validateAfzender(file: string, text: string): Afzender {
  return validateYaml(parseYaml(file, text), afzenderSchema);
}

export function validateDataset(name: string, file: string, text: string): LoadedDataset {
  const source = parseYaml(file, text);
  const data = validateYaml(source, datasetSchema);
  throwIfAny(checkDatasetSource(source));
  return loadedDataset(name, source, data);
}

/** A ```tabel or ```grafiek block's fields, errors at their line in the Markdown file. */
export function validateBlock(file: string, node: Code): Tabel | Grafiek {
  const source = parseYaml(file, node.value, node.position?.start.line ?? 0);
  const parsed = (blockName(node) === 'grafiek' ? grafiekSchema : tabelSchema).safeParse(source.value, PARSE_ONCE);
  if (!parsed.success) throw issueToError(source, parsed.error.issues[0]!);
  return parsed.data;
}

/** Where the afzender field is in a letter's data file, for the error that its file does not exist. */
export function positionOf(file: string, text: string, key: string | (string | number)[]): { line: number; col: number } {
  const source = parseYaml(file, text);
  const node = (typeof key === 'string' ? source.doc.get(key, true) : source.doc.getIn(key, true)) as { range?: [number, number, number] } | undefined;
  return source.lines.linePos(node?.range?.[0] ?? 0);
}
