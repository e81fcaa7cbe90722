import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

/**
 * What an editor does with the schemas shipped in schemas/: every YAML file of content/ names its schema on its
 * first line (`# yaml-language-server: $schema=…`, read by VS Code's YAML extension), and that schema, run by
 * a standard JSON Schema validator, accepts the file and rejects the mistakes the build rejects.
 */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validatorFor = (file: string) => {
  const first = readFileSync(file, 'utf8').split('\n')[0]!;
  const ref = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
  expect(ref, `${relative(ROOT, file)} names its schema on line 1`).toBeDefined();
  const schemaFile = resolve(dirname(file), ref!);
  return ajv.getSchema(JSON.parse(readFileSync(schemaFile, 'utf8')).$id) ?? ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
};

type Data = { eenheid: string; bron?: string; bronnen?: string; reeksen: Record<string, { aantal: Record<string, unknown> }> };

describe('the JSON Schemas an editor uses', () => {
  const files = yamlFiles(join(ROOT, 'content'));

  it('every YAML file of content/ names a schema that accepts it', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const validate = validatorFor(file);
      const ok = validate(parse(readFileSync(file, 'utf8')));
      expect(ok, `${relative(ROOT, file)}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('reject what the build rejects in a data file: text for a figure, an unknown unit, an unknown field, a missing field, a key that is no year', () => {
    const file = join(ROOT, 'content', '2022', 'data', 'hic.yaml');
    const validate = validatorFor(file);
    const good = parse(readFileSync(file, 'utf8')) as Data;
    const broken = [
      (d: Data) => (d.reeksen.overvallen!.aantal['2021'] = '676'),
      (d: Data) => (d.eenheid = 'stuks'),
      (d: Data) => (d.bronnen = 'politie'),
      (d: Data) => delete d.bron,
      (d: Data) => (d.reeksen.geweld!.aantal['221'] = 1),
    ];
    for (const brk of broken) {
      const d = structuredClone(good);
      brk(d);
      expect(validate(d), brk.toString()).toBe(false);
    }
  });
});
