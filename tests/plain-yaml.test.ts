import { describe, expect, it } from 'vitest';
import { SourceError } from '../src/errors.js';
import { parseYaml } from '../src/load/read-yaml.js';

/**
 * What YAML a source may hold beyond plain values (src/load/plain-yaml.ts): the core schema's own tags, no
 * other tag, no alias. Positions are found in the test's own text.
 */
const FILE = 'bron.yaml';

/** The SourceError parseYaml throws, as `line:column: message` (the file name is the same for every case). */
function refusal(text: string, lineOffset = 0): string {
  try {
    parseYaml(FILE, text, lineOffset);
  } catch (err) {
    expect(err).toBeInstanceOf(SourceError);
    const e = err as SourceError;
    return `${e.line}:${e.column}: ${e.detail}`;
  }
  throw new Error('not refused');
}

/** "line:column" of the first `needle` in `text`. */
function at(text: string, needle: string): string {
  const i = text.indexOf(needle);
  const before = text.slice(0, i);
  return `${before.split('\n').length}:${i - before.lastIndexOf('\n')}`;
}

describe('YAML tags', () => {
  it('the core schema\'s tags restate what a value is, and are read', () => {
    const { value } = parseYaml(FILE, 'a: !!str 4355467\nb: !!int "12"\nc: !!float 1.5\nd: !!bool true\ne: !!null ~\nf: !!seq [1]\ng: !!map { x: 1 }\n');
    expect(value).toEqual({ a: '4355467', b: 12, c: 1.5, d: true, e: null, f: [1], g: { x: 1 } });
  });

  for (const tag of ['!!js/function', '!!python/object:os.system', '!!binary', '!!timestamp', '!foo', '!<tag:example.org,2024:x>']) {
    it(`${tag} on a scalar is refused at the tag`, () => {
      const text = `kenmerk: "4355467"\nonderwerp: ${tag} "x"\n`;
      expect(refusal(text)).toBe(`${at(text, tag)}: invalid YAML: the tag ${tag} is not read by voortgang — a source holds plain text, numbers, lists and maps; remove the tag and write the value itself`);
    });
  }

  for (const [tag, value] of [['!!set', '{ a, b }'], ['!!omap', '[ a: 1 ]'], ['!!pairs', '[ a: 1 ]'], ['!!str', '{ a: 1 }']] as const) {
    it(`${tag} on a collection (${value}) is refused at the tag`, () => {
      const text = `x: 1\ny: ${tag} ${value}\n`;
      expect(refusal(text)).toMatch(new RegExp(`^${at(text, tag)}: invalid YAML: the tag ${tag} is not read by voortgang`));
    });
  }

  it('a tag through a %TAG handle is named as written', () => {
    const text = '%TAG !e! tag:example.org,2024:\n---\na: !e!fn x\n';
    expect(refusal(text)).toMatch(new RegExp(`^${at(text, '!e!fn')}: invalid YAML: the tag !e!fn is not read`));
  });

  it('in a block of a Markdown file, the line counts from the file', () => {
    expect(refusal('data: hic\nontwikkeling: !bool true\n', 10)).toMatch(new RegExp(`^12:${'ontwikkeling: '.length + 1}: invalid YAML: the tag !bool `));
  });
});

describe('YAML aliases', () => {
  const message = (name: string) => `invalid YAML: the alias *${name} repeats a value written elsewhere (at its anchor &${name}) — voortgang's sources take no anchors and aliases: write the value out here`;

  it('an anchor without an alias changes nothing', () => {
    expect(parseYaml(FILE, 'a: &x 1\n').value).toEqual({ a: 1 });
  });

  it('a single alias is refused where it is written', () => {
    const text = 'kenmerk: &k "4355467"\nook: *k\n';
    expect(refusal(text)).toBe(`${at(text, '*k')}: ${message('k')}`);
  });

  it('a merge key (<<: *basis) is an alias', () => {
    const text = 'basis: &basis { a: 1 }\nb:\n  <<: *basis\n';
    expect(refusal(text)).toBe(`${at(text, '*basis')}: ${message('basis')}`);
  });

  it('an alias of an anchor that does not exist is refused, not an internal error', () => {
    const text = 'a: *nergens\n';
    expect(refusal(text)).toBe(`1:4: ${message('nergens')}`);
  });

  it('a billion laughs (9^9 strings from 9 lines) is refused unexpanded at its first alias', () => {
    const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const text = levels.map((k, i) => `l${i}: &${k} [${Array(9).fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`).join(', ')}]`).join('\n');
    expect(refusal(text)).toBe(`${at(text, '*a')}: ${message('a')}`);
  });
});
