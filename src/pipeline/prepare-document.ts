import { markdownLayout, mayHaveStreep, mayRedact, versionsOf } from '../load/kind-rules.js';
import { UserError } from '../errors.js';
import { loadDocument } from '../load/load-document.js';
import { stopwatch } from '../timings.js';
import { documentFacts } from './document-facts.js';
import type { DocumentJob } from './job.js';
import type { Prepared } from './prepared.js';
import type { RunContext } from './run-context.js';

/** load → validate → markdown → compose: everything before the browser, for every version of a document. */
export async function prepareDocument(ctx: RunContext, job: DocumentJob): Promise<Prepared[]> {
  const { times: timings, lap } = stopwatch();
  const { paths } = ctx;
  const kinds = await ctx.kinds();
  const sources = await loadDocument(paths.content, job.year, job.dataFile, kinds);
  lap('load');
  // The Markdown and compose steps are loaded once the sources are read and valid: a mistake in them is told
  // without loading them (the worker's code before the sources: ≈21 kB instead of ≈160 kB).
  const [{ sectionsToHtml }, { letterView }, { diwooRecordOf }, { REDACTION_CLASS }] = await Promise.all([import('../markdown/to-html.js'), import('../compose/letter-view.js'), import('../diwoo/document-record.js'), import('../markdown/redaction-hast.js')]);
  const { brief } = sources;
  const descriptor = sources.layout.descriptor;
  const versions = versionsOf(descriptor);
  const streep = mayHaveStreep(descriptor);
  const lakken = mayRedact(descriptor);
  const bodies = await Promise.all(versions.map((v) => sectionsToHtml(sources.sections, sources.datasets, v.extent, { streep, lakken, openbaar: v.openbaar, layout: markdownLayout(descriptor) })));
  lap('markdown');
  const layout = await ctx.layout(sources.layout);
  const htmls = await Promise.all(versions.map((v, i) => layout.render(letterView(sources, bodies[i]!, { openbaar: v.openbaar }))));
  const records = await Promise.all(versions.map((v) => (v.openbaar ? diwooRecordOf(sources, `${sources.name}${v.suffix}`, { content: paths.content, kinds }) : undefined)));
  versions.forEach((v, i) => v.openbaar && checkGroundsPrinted(htmls[i]!, bodies[i]!.lakken.length, sources.layout.file, REDACTION_CLASS.box));
  lap('compose');

  return versions.map((v, i) => {
    const name = `${sources.name}${v.suffix}`;
    return {
      job,
      year: job.year,
      name,
      html: htmls[i]!,
      noteCount: bodies[i]!.footnoteCount,
      sections: sources.sections.map((s) => s.file),
      sources: [{ dir: paths.content, files: sources.inputs }],
      templates: paths.templates,
      facts: documentFacts(sources, {
        document: `${job.year}/${name}`,
        title: brief.onderwerp,
        subject: v.subject,
        keywords: v.extent === 'openbaar' ? ['openbaar', 'Woo'] : [],
        headings: bodies[i]!.headings,
      }),
      diwoo: records[i],
      ownsDiwoo: true,
      bijlagen: (brief.bijlagestukken ?? []).flatMap((b) => ('document' in b && typeof b.document === 'string' ? [b.document] : [])),
      timings,
    };
  });
}

/**
 * A public version with redactions must show their boxes and end with the list of the grounds used: a layout
 * that has redactions to print but not the stylesheet `lakken.css` and the partial `weigeringsgronden` is
 * refused (the boxes would be plain text, the grounds unexplained).
 */
function checkGroundsPrinted(html: string, grounds: number, layoutFile: string, boxClass: string): void {
  if (grounds === 0) return;
  const missing = [...(html.includes(`class="${GROUNDS_LIST_CLASS}"`) ? [] : ['{{> weigeringsgronden}} at the end of <main id="flow">']), ...(html.includes(`.${boxClass}`) ? [] : ['{{#if lakken}}{{{stylesheet "lakken.css"}}}{{/if}} in its <style>'])];
  if (missing.length) throw new UserError(`${layoutFile}: this document has redactions ([[grond: …]]) but its layout does not print them in the public version — add ${missing.join(' and ')} to the layout's template (as templates/beslisnota/beslisnota.hbs does)`);
}

/** The class of the list of grounds (templates/partials/weigeringsgronden.hbs). */
const GROUNDS_LIST_CLASS = 'weigeringsgronden';
