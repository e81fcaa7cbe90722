import { SourceError } from '../errors.js';
import { CLASS, DOM } from '../paginate/contract.js';

/**
 * The parts of the page contract (src/paginate/contract.ts, the README's "The page contract") a layout cannot do
 * without: the blocks to pour (`<main id="flow">`), the footnotes (`id="voetnoten"`), the first page's template
 * and, in it, the text area with its content and footnote boxes. A layout that lacks one is refused at its
 * template file, before the browser, instead of failing inside the page-filling pass. A quick look at the
 * rendered HTML's text (the exact structure is the pass's to check); tests/helpers/layout-contract.ts holds
 * every kind to the whole contract.
 */
export function checkPageContract(html: string, templateFile: string): void {
  const hasId = (id: string) => new RegExp(`\\sid\\s*=\\s*["']?${id}["'\\s>]`).test(html);
  const hasClass = (c: string) => new RegExp(`\\sclass\\s*=\\s*["'](?:[^"']*\\s)?${c}(?:\\s[^"']*)?["']`).test(html);
  const missing = [
    ...(hasId(DOM.flow) ? [] : [`<main id="${DOM.flow}"> (the text to pour into pages)`]),
    ...(hasId(DOM.notes) ? [] : [`<section id="${DOM.notes}"> (the footnotes)`]),
    ...(new RegExp(`<template\\s[^>]*id\\s*=\\s*["']?${DOM.firstPage}["'\\s>]`).test(html) ? [] : [`<template id="${DOM.firstPage}"> (the first page; every page when there is no ${DOM.nextPage})`]),
    ...[CLASS.pageText, CLASS.pageContent, CLASS.pageNotes].filter((c) => !hasClass(c)).map((c) => `an element of class ${c} in its page templates`),
  ];
  if (missing.length) throw new SourceError(templateFile, undefined, undefined, `the layout lacks ${missing.join('; ')} — every layout keeps the page contract (README, "The page contract"; see templates/kamerbrief/kamerbrief.hbs)`);
}
