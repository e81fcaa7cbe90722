import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { parse as parseYaml } from 'yaml';
import { CLASS, DOM } from '../../src/paginate/contract.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Every kind of document of a layouts folder: each folder with a layout.yaml, and the template its descriptor names. */
export function kindsOf(templatesDir: string): Array<{ soort: string; dir: string; template: string }> {
  return readdirSync(templatesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(templatesDir, e.name, 'layout.yaml')))
    .map((e) => {
      const dir = join(templatesDir, e.name);
      const { sjabloon } = parseYaml(readFileSync(join(dir, 'layout.yaml'), 'utf8')) as { sjabloon: string };
      return { soort: e.name, dir, template: join(dir, sjabloon) };
    })
    .sort((a, b) => a.soort.localeCompare(b.soort));
}

/**
 * A kind's template with its partials written in (`{{> name}}` → the partial's text, the kind's own partials/
 * before the shared ones, as the build resolves them), so that page parts a partial supplies count.
 */
export function templateText(templatesDir: string, kindDir: string, template: string): string {
  const partials = new Map<string, string>();
  for (const dir of [join(templatesDir, 'partials'), join(kindDir, 'partials')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) partials.set(basename(f, '.hbs'), readFileSync(join(dir, f), 'utf8'));
  }
  let text = readFileSync(template, 'utf8');
  for (let depth = 0; depth < 5 && /\{\{>\s*[\w-]+\s*\}\}/.test(text); depth++) text = text.replace(/\{\{>\s*([\w-]+)\s*\}\}/g, (whole, name: string) => partials.get(name) ?? whole);
  return text;
}

function* walk(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  if ('childNodes' in node) for (const c of node.childNodes) yield* walk(c);
  // A <template>'s children are in its content fragment.
  if ('content' in node && node.content) yield* walk(node.content as Node);
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const classes = (el: Element) => (attr(el, 'class') ?? '').split(/\s+/).filter(Boolean);
const byClass = (root: Node, c: string) => [...walk(root)].filter((el) => classes(el).includes(c));

/**
 * What a layout lacks of the page contract (src/paginate/contract.ts; the README's "The page contract"):
 * `#flow` and `#voetnoten`, `<template id="pagina-eerste">` and, when there is one, `<template
 * id="pagina-vervolg">` (without it every page is made from the first), each holding a `.pagina-tekst` with a
 * `.pagina-inhoud` and a `.pagina-voetnoten` inside. One line per thing missing; none when it keeps the contract.
 * The HTML is read as a browser reads it (parse5, the HTML standard's parser).
 */
export function contractProblems(html: string): string[] {
  const doc = parse(html);
  const all = [...walk(doc)];
  const byId = (id: string) => all.filter((el) => attr(el, 'id') === id);
  const problems: string[] = [];
  for (const id of [DOM.flow, DOM.notes]) if (byId(id).length === 0) problems.push(`no element with id="${id}"`);
  const pageTemplate = (id: string, required: boolean) => {
    const found = byId(id);
    if (found.length === 0) {
      if (required) problems.push(`no <template id="${id}">`);
      return;
    }
    const el = found[0]!;
    if (el.tagName !== 'template') {
      problems.push(`id="${id}" is a <${el.tagName}>, not a <template>`);
      return;
    }
    const text = byClass(el, CLASS.pageText);
    if (text.length === 0) {
      problems.push(`<template id="${id}"> has no .${CLASS.pageText}`);
      return;
    }
    for (const c of [CLASS.pageContent, CLASS.pageNotes]) if (byClass(text[0]!, c).length === 0) problems.push(`<template id="${id}">: its .${CLASS.pageText} has no .${c}`);
  };
  pageTemplate(DOM.firstPage, true);
  pageTemplate(DOM.nextPage, false);
  return problems;
}
