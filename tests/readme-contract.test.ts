import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASS, NOTE_ATTRIBUTE, PAGE_REF_ATTRIBUTE, SOURCE_ATTRIBUTE } from '../src/paginate/contract.js';
import { ROOT } from './helpers/cli.js';

// The README's "page contract" paragraph is what a layout writer follows: every attribute and class of the
// pager it names must be one the pager reads (src/paginate/contract.ts). It once documented data-inhoud, which
// the pager no longer read: a table of contents written from it got no page numbers.
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const paragraph = readme.slice(readme.indexOf('**The page contract.**'), readme.indexOf('\n\n', readme.indexOf('**The page contract.**')));

describe("the README's page contract is the pager's", () => {
  it('names only data- attributes the pager reads', () => {
    expect(paragraph.length).toBeGreaterThan(200);
    const attributes = [...new Set([...paragraph.matchAll(/\bdata-[a-z-]+/g)].map((m) => m[0]))];
    expect(attributes).toContain(PAGE_REF_ATTRIBUTE);
    for (const a of attributes) expect([SOURCE_ATTRIBUTE, NOTE_ATTRIBUTE, PAGE_REF_ATTRIBUTE]).toContain(a);
  });

  it('the page reference it shows is the one the bijlage layout writes', () => {
    expect(paragraph).toContain(`<span class="${CLASS.pageRef}" ${PAGE_REF_ATTRIBUTE}="<id>">`);
    const bijlage = readFileSync(join(ROOT, 'templates', 'bijlage', 'bijlage.hbs'), 'utf8');
    const shown = /<span class="inhoud-pagina pagina-verwijzing" data-verwijzing="\{\{id\}\}">/.exec(paragraph)?.[0];
    expect(shown).toBeDefined();
    expect(bijlage).toContain(`${shown}</span>`);
  });
});
