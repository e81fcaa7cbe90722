import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/load/read-yaml.js';
import { schemaFilesOf } from '../src/validate/schema-files.js';
import { PARSE_ONCE } from '../src/validate/validate-yaml.js';
import { ROOT } from './helpers/cli.js';

// Sources are validated without zod's generated fast path (PARSE_ONCE: each file is parsed once per process,
// so generating a parser per object shape does not pay back). The two paths of zod must read a source alike:
// the same value for a good file, the same issues (code, path, message) for a broken one. Here every data
// file, sender and data set of content/, and broken copies of them, are parsed both ways.

const schemas = await schemaFilesOf(join(ROOT, 'templates'));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const yamlIn = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.yaml')).map((f) => `${dir}/${f}`);

const briefs = ['content/2022/kamerbrief.yaml', 'content/2022/actieprogramma.yaml', 'content/2023/beslisnota.yaml'];
const afzenders = yamlIn('content/afzenders');
const datasets = yamlIn('content/2022/data');

/** A broken copy of a real file: one text replaced (the replaced text must be there). */
function broken(file: string, from: RegExp, to: string): string {
  const text = read(file);
  expect(text, `${file} has ${from}`).toMatch(from);
  return text.replace(from, to);
}

type Case = { name: string; schema: keyof typeof schemas; file: string; text: string; good?: boolean };
const real = (schema: Case['schema']) => (file: string): Case => ({ name: file, schema, file, text: read(file), good: true });
const cases: Case[] = [
  ...briefs.map(real('brief.schema.json')),
  ...afzenders.map(real('afzender.schema.json')),
  ...datasets.map(real('dataset.schema.json')),
  { name: 'kenmerk and datum empty', schema: 'brief.schema.json', file: briefs[2]!, text: broken(briefs[2]!, /^kenmerk:.*$/m, 'kenmerk:').replace(/^datum:.*$/m, 'datum:') },
  { name: 'a date that is not in the calendar', schema: 'brief.schema.json', file: briefs[0]!, text: broken(briefs[0]!, /^datum:.*$/m, 'datum: 2022-02-30') },
  { name: 'a kenmerk with a space', schema: 'brief.schema.json', file: briefs[0]!, text: broken(briefs[0]!, /^kenmerk:.*$/m, 'kenmerk: "43 55"') },
  { name: 'an unknown soort', schema: 'brief.schema.json', file: briefs[0]!, text: broken(briefs[0]!, /^soort:.*$/m, 'soort: nota') },
  { name: 'an unknown field', schema: 'brief.schema.json', file: briefs[0]!, text: `${read(briefs[0]!)}\nkenmerkk: "1"\n` },
  { name: 'a missing onderwerp', schema: 'brief.schema.json', file: briefs[0]!, text: broken(briefs[0]!, /^onderwerp:.*$/m, '') },
  { name: 'a sender without postadres', schema: 'afzender.schema.json', file: afzenders[0]!, text: broken(afzenders[0]!, /^postadres:(\n\s+-.*)*$/m, '') },
  { name: 'a figure written as text', schema: 'dataset.schema.json', file: 'content/2022/data/hic.yaml', text: broken('content/2022/data/hic.yaml', /2012: 1982,/, '2012: "1.982",') },
  { name: 'a measure not declared', schema: 'dataset.schema.json', file: 'content/2022/data/hic.yaml', text: broken('content/2022/data/hic.yaml', /^(\s+)aantal: \{ 2011: 8400/m, '$1aantallen: { 2011: 8400') },
  { name: 'a unit that does not exist', schema: 'dataset.schema.json', file: 'content/2022/data/hic.yaml', text: broken('content/2022/data/hic.yaml', /^eenheid:.*$/m, 'eenheid: stuks') },
];

describe('zod reads a source alike with and without its generated fast path', () => {
  for (const c of cases) {
    it(c.name, () => {
      const source = parseYaml(c.file, c.text);
      const schema = schemas[c.schema];
      const generated = schema.safeParse(source.value);
      const once = schema.safeParse(source.value, PARSE_ONCE);
      expect(once.success).toBe(generated.success);
      if (generated.success) expect(once.data).toEqual(generated.data);
      else expect(once.error!.issues.map(({ code, path, message }) => ({ code, path, message }))).toEqual(generated.error.issues.map(({ code, path, message }) => ({ code, path, message })));
      // The real files are good and every broken copy is refused: the comparison is of a real success or failure.
      expect(generated.success).toBe(c.good === true);
    });
  }
});
